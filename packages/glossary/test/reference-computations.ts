/**
 * Small, independent re-implementations used to check the glossary's worked examples where `@benchline/metrics` or
 * `@benchline/lora` has no function for the quantity (capped recall, DCG without normalisation, RBP, Judged@K,
 * exact bootstrap, matrix rank...) and as a second opinion where they do. Written from the textbook definitions
 * (trec_eval's semantics for the TREC measures), deliberately plain.
 */
import type { JudgedRanking, MeasureName } from '../src/index.js';

const log2 = (value: number): number => Math.log(value) / Math.log(2);

/** One query's value of a measure, trec_eval semantics (relevant: grade ≥ 1; unjudged counts as non-relevant). */
export function measureValue(measure: MeasureName, { ranking, qrels }: JudgedRanking): number {
  const grade = (document: string): number => qrels[document] ?? 0;
  const relevant = (document: string): boolean => grade(document) >= 1;
  const relevantCount = Object.values(qrels).filter((value) => value >= 1).length;
  const relevantInTop = (k: number): number => ranking.slice(0, k).filter(relevant).length;
  const cutoff = /@(\d+)$/.exec(measure);
  const k = cutoff === null ? ranking.length : Number(cutoff[1]);
  const name = measure.replace(/@\d+$/, '');
  switch (name) {
    case 'P':
      return relevantInTop(k) / k;
    case 'R':
      return relevantCount === 0 ? 0 : relevantInTop(k) / relevantCount;
    case 'Success':
      return relevantInTop(k) > 0 ? 1 : 0;
    case 'R_cap':
      return relevantCount === 0 ? 0 : relevantInTop(k) / Math.min(relevantCount, k);
    case 'RR': {
      const first = ranking.slice(0, k).findIndex(relevant);
      return first === -1 ? 0 : 1 / (first + 1);
    }
    case 'AP': {
      if (relevantCount === 0) return 0;
      let sum = 0;
      ranking.slice(0, k).forEach((document, index) => {
        if (relevant(document)) sum += relevantInTop(index + 1) / (index + 1);
      });
      return sum / relevantCount;
    }
    case 'Rprec':
      return relevantCount === 0 ? 0 : relevantInTop(relevantCount) / relevantCount;
    case 'DCG':
      return dcg(ranking.slice(0, k).map((document) => Math.max(0, grade(document))));
    case 'nDCG': {
      const ideal = dcg(
        Object.values(qrels)
          .filter((value) => value > 0)
          .sort((left, right) => right - left)
          .slice(0, k),
      );
      return ideal === 0 ? 0 : dcg(ranking.slice(0, k).map((document) => Math.max(0, grade(document)))) / ideal;
    }
    case 'Bpref': {
      const judgedNonRelevant = Object.values(qrels).filter((value) => value < 1).length;
      if (relevantCount === 0) return 0;
      let nonRelevantAbove = 0;
      let sum = 0;
      for (const document of ranking) {
        if (!(document in qrels)) continue;
        if (relevant(document)) {
          sum += nonRelevantAbove === 0 ? 1 : 1 - Math.min(nonRelevantAbove, relevantCount) / Math.min(judgedNonRelevant, relevantCount);
        } else {
          nonRelevantAbove++;
        }
      }
      return sum / relevantCount;
    }
    case 'Judged':
      return ranking.slice(0, k).filter((document) => document in qrels).length / k;
    case 'F1': {
      const found = relevantInTop(ranking.length);
      if (found === 0) return 0;
      const precision = found / ranking.length;
      const recall = found / relevantCount;
      return (2 * precision * recall) / (precision + recall);
    }
    default: {
      const rbp = /^RBP\(p=([\d.]+)\)$/.exec(measure);
      if (rbp !== null) {
        const persistence = Number(rbp[1]);
        return (1 - persistence) * ranking.reduce((sum, document, index) => sum + (relevant(document) ? persistence ** index : 0), 0);
      }
      throw new Error(`no reference implementation for measure ${measure}`);
    }
  }
}

function dcg(gains: readonly number[]): number {
  return gains.reduce((sum, gain, index) => sum + gain / log2(index + 2), 0);
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function sampleStandardDeviation(values: readonly number[]): number {
  const average = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - average) ** 2, 0) / (values.length - 1));
}

/** Exact two-sided sign-flip randomization: count of |Σ σd| ≥ |Σ d| over all 2ⁿ sign vectors. */
export function exactRandomization(differences: readonly number[]): { extreme: number; assignments: number } {
  const observed = Math.abs(differences.reduce((sum, value) => sum + value, 0));
  const assignments = 2 ** differences.length;
  let extreme = 0;
  for (let mask = 0; mask < assignments; mask++) {
    let sum = 0;
    differences.forEach((value, index) => {
      sum += (mask >> index) & 1 ? -value : value;
    });
    if (Math.abs(sum) >= observed - 1e-12 * Math.max(1, observed)) extreme++;
  }
  return { extreme, assignments };
}

/** Two-sided exact binomial sign test: p = min(1, 2·P(X ≤ min(k, n − k))) with X ~ Binomial(n, ½). */
export function signTestPValue(wins: number, losses: number): number {
  const trials = wins + losses;
  const smaller = Math.min(wins, losses);
  let tail = 0;
  for (let index = 0; index <= smaller; index++) tail += binomial(trials, index) / 2 ** trials;
  return Math.min(1, 2 * tail);
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let index = 1; index <= k; index++) result = (result * (n - k + index)) / index;
  return result;
}

/** Wilcoxon signed-rank sums with average ranks for ties, zeros dropped. */
export function signedRankSums(differences: readonly number[]): { wPlus: number; wMinus: number } {
  const nonZero = differences.filter((value) => value !== 0);
  const sorted = nonZero.map((value) => Math.abs(value)).sort((left, right) => left - right);
  const rankOf = (absolute: number): number => {
    const first = sorted.findIndex((value) => Math.abs(value - absolute) < 1e-12);
    let last = first;
    while (last + 1 < sorted.length && Math.abs((sorted[last + 1] as number) - absolute) < 1e-12) last++;
    return (first + last) / 2 + 1;
  };
  let wPlus = 0;
  let wMinus = 0;
  for (const value of nonZero) {
    if (value > 0) wPlus += rankOf(Math.abs(value));
    else wMinus += rankOf(Math.abs(value));
  }
  return { wPlus, wMinus };
}

/** Adjusted p-values in input order. */
export function adjust(pValues: readonly number[], method: 'bonferroni' | 'holm' | 'bh'): number[] {
  const count = pValues.length;
  const order = pValues.map((value, index) => ({ value, index })).sort((left, right) => left.value - right.value);
  const adjusted = new Array<number>(count).fill(0);
  if (method === 'bonferroni') return pValues.map((value) => Math.min(1, value * count));
  if (method === 'holm') {
    let running = 0;
    order.forEach(({ value, index }, position) => {
      running = Math.max(running, Math.min(1, (count - position) * value));
      adjusted[index] = running;
    });
    return adjusted;
  }
  let running = 1;
  for (let position = count - 1; position >= 0; position--) {
    const { value, index } = order[position] as { value: number; index: number };
    running = Math.min(running, Math.min(1, (count * value) / (position + 1)));
    adjusted[index] = running;
  }
  return adjusted;
}

/** The standard normal CDF (Zelen & Severo's erf approximation, error below 1e-7). */
export function normalCdf(value: number): number {
  const sign = value < 0 ? -1 : 1;
  const x = Math.abs(value) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return 0.5 * (1 + sign * erf);
}

/** The exact paired bootstrap: every one of the nⁿ equally likely resamples of the differences. */
export function exactBootstrap(differences: readonly number[]): { resamples: number; meanDifference: number; pValue: number } {
  const n = differences.length;
  const resamples = n ** n;
  const observed = mean(differences);
  let extreme = 0;
  for (let code = 0; code < resamples; code++) {
    let remaining = code;
    let sum = 0;
    for (let draw = 0; draw < n; draw++) {
      sum += differences[remaining % n] as number;
      remaining = Math.floor(remaining / n);
    }
    // Urbano et al.'s shift test: centre the resample means on their own mean, which is d̄ when enumerated exactly.
    if (Math.abs(sum / n - observed) >= Math.abs(observed) - 1e-12) extreme++;
  }
  return { resamples, meanDifference: observed, pValue: extreme / resamples };
}

/** Lucene BM25 with lower-case whitespace tokens: Σ ln(1 + (N − n + ½)/(n + ½)) · f/(f + k1(1 − b + b·dl/avgdl)). */
export function bm25Scores(documents: Readonly<Record<string, string>>, query: string, k1: number, b: number): Record<string, number> {
  const tokens = Object.fromEntries(Object.entries(documents).map(([id, text]) => [id, text.toLowerCase().split(/\s+/).filter((token) => token !== '')]));
  const ids = Object.keys(tokens);
  const averageLength = mean(ids.map((id) => (tokens[id] as string[]).length));
  const scores: Record<string, number> = {};
  for (const id of ids) {
    const words = tokens[id] as string[];
    let score = 0;
    for (const term of query.toLowerCase().split(/\s+/).filter((token) => token !== '')) {
      const frequency = words.filter((word) => word === term).length;
      if (frequency === 0) continue;
      const containing = ids.filter((other) => (tokens[other] as string[]).includes(term)).length;
      const idf = Math.log(1 + (ids.length - containing + 0.5) / (containing + 0.5));
      score += (idf * frequency) / (frequency + k1 * (1 - b + (b * words.length) / averageLength));
    }
    scores[id] = score;
  }
  return scores;
}

/** Rank of a small matrix by Gaussian elimination with partial pivoting. */
export function matrixRank(matrix: readonly (readonly number[])[]): number {
  const rows = matrix.map((row) => [...row]);
  const columnCount = rows[0]?.length ?? 0;
  let rank = 0;
  for (let column = 0; column < columnCount && rank < rows.length; column++) {
    let pivot = rank;
    for (let row = rank + 1; row < rows.length; row++) {
      if (Math.abs((rows[row] as number[])[column] as number) > Math.abs((rows[pivot] as number[])[column] as number)) pivot = row;
    }
    if (Math.abs((rows[pivot] as number[])[column] as number) < 1e-9) continue;
    [rows[rank], rows[pivot]] = [rows[pivot] as number[], rows[rank] as number[]];
    const pivotRow = rows[rank] as number[];
    for (let row = rank + 1; row < rows.length; row++) {
      const current = rows[row] as number[];
      const factor = (current[column] as number) / (pivotRow[column] as number);
      for (let index = column; index < columnCount; index++) current[index] = (current[index] as number) - factor * (pivotRow[index] as number);
    }
    rank++;
  }
  return rank;
}

/**
 * Evaluates `+ - * /` expressions with parentheses, numbers and names bound earlier, left to right in the
 * usual precedence. Throws on anything else, so a typo in the data cannot pass as a number.
 */
export function evaluateExpressions(expressions: Readonly<Record<string, string>>): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [name, expression] of Object.entries(expressions)) values[name] = evaluateExpression(expression, values);
  return values;
}

function evaluateExpression(expression: string, names: Readonly<Record<string, number>>): number {
  const tokens = expression.match(/\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]/g) ?? [];
  if (tokens.join('') !== expression.replace(/\s+/g, '')) throw new Error(`cannot parse expression "${expression}"`);
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const primary = (): number => {
    const token = tokens[position++];
    if (token === undefined) throw new Error(`unexpected end of "${expression}"`);
    if (token === '(') {
      const value = sum();
      if (tokens[position++] !== ')') throw new Error(`missing ) in "${expression}"`);
      return value;
    }
    if (token === '-') return -primary();
    if (/^\d/.test(token)) return Number(token);
    const value = names[token];
    if (value === undefined) throw new Error(`unknown name "${token}" in "${expression}"`);
    return value;
  };
  const product = (): number => {
    let value = primary();
    while (peek() === '*' || peek() === '/') value = tokens[position++] === '*' ? value * primary() : value / primary();
    return value;
  };
  const sum = (): number => {
    let value = product();
    while (peek() === '+' || peek() === '-') value = tokens[position++] === '+' ? value + product() : value - product();
    return value;
  };
  const result = sum();
  if (position !== tokens.length) throw new Error(`trailing input in "${expression}"`);
  return result;
}
