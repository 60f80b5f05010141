/**
 * `log`, `log2` and `exp` as glibc computes them, for the measures that print them (gm_map, gm_bpref, yaap, every
 * nDCG): glibc's are correctly rounded but in rare hard cases, while JavaScript engines' `Math.log` and `Math.exp`
 * may miss the nearest double by one unit in the last place (V8: for about 7 % and 10 % of arguments). One ulp is
 * invisible in a 4-decimal value except on a rounding boundary — but a single topic's average precision of 11/32
 * sits exactly on one, and trec_eval then prints gm_map 0.3437 where `Math.exp(Math.log(0.34375))` gives 0.3438.
 *
 * The functions here evaluate in double-double arithmetic (about 106 bits) and round once, which gives the
 * correctly rounded result, hence glibc's but in its own rare hard cases (about 1 argument in 1,200 for log and
 * exp; for log2 of the integers nDCG uses, the exceptions are listed below and reproduced).
 */

/** A value as an unevaluated sum hi + lo with |lo| ≤ ulp(hi) / 2. */
interface DoubleDouble {
  hi: number;
  lo: number;
}

const splitter = 134217729; // 2^27 + 1

function twoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  const bVirtual = sum - a;
  return { hi: sum, lo: a - (sum - bVirtual) + (b - bVirtual) };
}

function quickTwoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  return { hi: sum, lo: b - (sum - a) };
}

function twoProduct(a: number, b: number): DoubleDouble {
  const product = a * b;
  let scaled = splitter * a;
  const aHigh = scaled - (scaled - a);
  const aLow = a - aHigh;
  scaled = splitter * b;
  const bHigh = scaled - (scaled - b);
  const bLow = b - bHigh;
  return { hi: product, lo: aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow };
}

function add(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const high = twoSum(x.hi, y.hi);
  const low = twoSum(x.lo, y.lo);
  let sum = quickTwoSum(high.hi, high.lo + low.hi);
  sum = quickTwoSum(sum.hi, sum.lo + low.lo);
  return sum;
}

function multiply(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const product = twoProduct(x.hi, y.hi);
  return quickTwoSum(product.hi, product.lo + (x.hi * y.lo + x.lo * y.hi));
}

function divide(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const first = x.hi / y.hi;
  const remainder = add(x, negate(multiply(y, { hi: first, lo: 0 })));
  const second = remainder.hi / y.hi;
  const rest = add(remainder, negate(multiply(y, { hi: second, lo: 0 })));
  const third = rest.hi / y.hi;
  return add(quickTwoSum(first, second), { hi: third, lo: 0 });
}

function negate(x: DoubleDouble): DoubleDouble {
  return { hi: -x.hi, lo: -x.lo };
}

/** x · factor, exact for a power of two. */
function scale(x: DoubleDouble, factor: number): DoubleDouble {
  return { hi: x.hi * factor, lo: x.lo * factor };
}

/** ln 2 to 106 bits. */
const ln2: DoubleDouble = { hi: 0.6931471805599453, lo: 2.3190468138462996e-17 };

/** 1/(2k+1) for the atanh series, as double-doubles. */
const oddReciprocals: DoubleDouble[] = Array.from({ length: 30 }, (_unused, k) => divide({ hi: 1, lo: 0 }, { hi: 2 * k + 1, lo: 0 }));

/** 1/k! for the exponential series. */
const factorialReciprocals: DoubleDouble[] = (() => {
  const terms: DoubleDouble[] = [{ hi: 1, lo: 0 }];
  for (let k = 1; k < 16; k++) terms.push(divide(terms[k - 1] as DoubleDouble, { hi: k, lo: 0 }));
  return terms;
})();

const exponentBuffer = new DataView(new ArrayBuffer(8));

/** x = m · 2^e with m in [√½, √2), for a positive finite x. */
function decompose(x: number): { mantissa: number; exponent: number } {
  let value = x;
  let adjust = 0;
  if (value < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range first.
    value *= 2 ** 54;
    adjust = -54;
  }
  exponentBuffer.setFloat64(0, value);
  const high = exponentBuffer.getUint32(0);
  let exponent = ((high >>> 20) & 0x7ff) - 1023;
  exponentBuffer.setUint32(0, (high & 0x800fffff) | (1023 << 20));
  let mantissa = exponentBuffer.getFloat64(0);
  if (mantissa > Math.SQRT2) {
    mantissa /= 2;
    exponent++;
  }
  return { mantissa, exponent: exponent + adjust };
}

/** ln x in double-double. */
function logDoubleDouble(x: number): DoubleDouble {
  const { mantissa, exponent } = decompose(x);
  // ln m = 2 atanh(t), t = (m − 1)/(m + 1), |t| ≤ 0.1716: the series converges by a factor t² ≤ 0.0295 a term.
  const t = divide({ hi: mantissa - 1, lo: 0 }, twoSum(mantissa, 1));
  const tSquared = multiply(t, t);
  let series = oddReciprocals[oddReciprocals.length - 1] as DoubleDouble;
  for (let k = oddReciprocals.length - 2; k >= 0; k--) series = add(multiply(series, tSquared), oddReciprocals[k] as DoubleDouble);
  const logMantissa = scale(multiply(t, series), 2);
  return add(multiply(ln2, { hi: exponent, lo: 0 }), logMantissa);
}

/** glibc's `log(x)`. */
export function cLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x === 1) return 0;
  const result = logDoubleDouble(x);
  return result.hi + result.lo;
}

/** glibc's `exp(x)`. */
export function cExp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
  if (x < -708) return Math.exp(x); // subnormal results: never printed by trec_eval's measures
  if (x === 0) return 1;
  // x = k ln 2 + r, |r| ≤ ln 2 / 2; then exp(r) = exp(r / 256)^256.
  const k = Math.round(x / ln2.hi);
  const reduced = add(twoSum(x, 0), negate(add(twoProduct(k, ln2.hi), twoProduct(k, ln2.lo))));
  const small = scale(reduced, 1 / 256);
  let series = factorialReciprocals[factorialReciprocals.length - 1] as DoubleDouble;
  for (let term = factorialReciprocals.length - 2; term >= 0; term--) series = add(multiply(series, small), factorialReciprocals[term] as DoubleDouble);
  let power = series;
  for (let squaring = 0; squaring < 8; squaring++) power = multiply(power, power);
  // 2^1024 overflows: a large k is applied in two steps.
  const result = k > 1000 ? scale(scale(power, 2 ** (k - 2)), 4) : scale(power, 2 ** k);
  return result.hi + result.lo;
}

/**
 * The integers below 2,000,000 whose log2 glibc does not round to nearest, one unit in the last place above or
 * below (base 36). glibc's log2 is not correctly rounded in such hard cases; these were found by comparing it
 * (glibc 2.36, x86-64 with FMA, the C library of the reference trec_eval builds) with the correctly rounded value
 * for every integer from 2 to 2,000,000. They matter as nDCG's discounts log2(rank + 2).
 */
const log2OneUlpAbove = new Set(
  '191,2i2,504,a08,k0g,140w,18ln,2ap5,2dhy,2eyp,332t,403z,4lea,4qzw,4txe,665m,807y,8lqx,8zgn,96sk,9hzs,9nus,c69h,ccb8,d6dz,dgov,f4hh,g0f7,g0fw,h7hu,hyxa,idl4,izzk,jbpk,nuz7,ociy,oomg,qcry,qxdq,r3lv,se0z,tidp,u8yy,w0jd,w0ue,w0vs,w36d,wmnz,yezo,zujp,zxuk,10r68,11zz4,12nf4'
    .split(',')
    .map((text) => Number.parseInt(text, 36)),
);
const log2OneUlpBelow = new Set(
  '28sf,3omr,4hku,7d9i,8z5o,984z,9hcj,b9hf,dofh,eqj0,hybc,ig9y,is49,iyp2,jvg1,miyu,nsu5,nwx1,ppmx,r0rj,rcuy,tgkx,th20,wc1p,y2oh,yewn,ztd1,zwmo,1037f,10789,10j97,10uzt,10wjw,11k8i,11xe4,13qw2'
    .split(',')
    .map((text) => Number.parseInt(text, 36)),
);

/** The double one unit in the last place above (`direction` 1) or below (-1) a positive finite `value`. */
function nextDouble(value: number, direction: 1 | -1): number {
  exponentBuffer.setFloat64(0, value);
  exponentBuffer.setBigUint64(0, exponentBuffer.getBigUint64(0) + BigInt(direction));
  return exponentBuffer.getFloat64(0);
}

// log2 of the small integers nDCG divides by, each computed once.
let log2Table = new Float64Array(0);

/** glibc's `log2(x)`. */
export function cLog2(x: number): number {
  if (Number.isInteger(x) && x > 1 && x < 1 << 20) {
    if (x >= log2Table.length) {
      const table = new Float64Array(Math.min(1 << 20, Math.max(4096, x + 1, log2Table.length * 2)));
      table.set(log2Table);
      log2Table = table;
    }
    // 0 marks a value not computed yet (log2 of an integer above 1 is never 0).
    let value = log2Table[x] as number;
    if (value === 0) {
      value = integerLog2(x);
      log2Table[x] = value;
    }
    return value;
  }
  return Number.isInteger(x) && x > 0 ? integerLog2(x) : log2Uncached(x);
}

function integerLog2(value: number): number {
  const rounded = log2Uncached(value);
  return log2OneUlpAbove.has(value) ? nextDouble(rounded, 1) : log2OneUlpBelow.has(value) ? nextDouble(rounded, -1) : rounded;
}

function log2Uncached(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  const { mantissa, exponent } = decompose(x);
  if (mantissa === 1) return exponent;
  const logMantissa = divide(logDoubleDouble(mantissa), ln2);
  const result = add({ hi: exponent, lo: 0 }, logMantissa);
  return result.hi + result.lo;
}
