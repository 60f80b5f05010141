import { InvalidArgumentError } from '../../errors.js';

/**
 * The BM25 formulas on offer (`BM25.md` §1 of the reference notes; Kamphuis et al., ECIR 2020, for the taxonomy):
 *
 * | variant | idf(n) | term-frequency component |
 * |---|---|---|
 * | `lucene` (default) | ln(1 + (N − n + 0.5)/(n + 0.5)) | f/(f + K) (Lucene ≥ 8, Anserini, bm25s default) |
 * | `robertson` | ln((N − n + 0.5)/(n + 0.5)), clamped at 0 (bm25s) | f/(f + K) |
 * | `atire` | ln(N/n) | f(k1 + 1)/(f + K) |
 * | `bm25l` | ln((N + 1)/(n + 0.5)) | (k1 + 1)(c + δ)/(k1 + c + δ), c = f/(1 − b + b·dl/avgdl) |
 * | `bm25+` | ln((N + 1)/n) | f(k1 + 1)/(f + K) + δ |
 * | `classic` | ln(1 + (N − n + 0.5)/(n + 0.5)) | f(k1 + 1)/(f + K) (Lucene < 8; what okapibm25 and wink-bm25-text-search compute) |
 * | `rank-bm25` | ln((N − n + 0.5)/(n + 0.5)), negative values replaced by ε·mean idf (rank_bm25's `BM25Okapi`) | f(k1 + 1)/(f + K) |
 *
 * with K = k1·(1 − b + b·dl/avgdl), N documents, n of them containing the term, f its frequency in the document.
 */
export type Bm25Variant = 'lucene' | 'robertson' | 'atire' | 'bm25l' | 'bm25+' | 'classic' | 'rank-bm25';

/** Every {@link Bm25Variant}, for validation and help texts. */
export const bm25Variants: readonly Bm25Variant[] = Object.freeze([
  'lucene',
  'robertson',
  'atire',
  'bm25l',
  'bm25+',
  'classic',
  'rank-bm25',
]);

/** Free parameters of the formulas. */
export interface Bm25Parameters {
  readonly variant: Bm25Variant;
  readonly k1: number;
  readonly b: number;
  /** δ of BM25L and BM25+. */
  readonly delta: number;
  /** ε of `rank-bm25`: negative idf values become ε times the mean idf of the vocabulary. */
  readonly epsilon: number;
  /**
   * BM25L and BM25+ only: whether a query term absent from a document still adds idf·tf-component(0), as bm25s and
   * rank_bm25 do (`true`), or adds nothing, as Lv and Zhai (2011) define it (`false`).
   */
  readonly scoreAbsentTerms: boolean;
}

/**
 * Checks user-supplied parameters and fills in the defaults: Anserini's k1 = 0.9, b = 0.4 for every variant,
 * δ = 0.5 (bm25s), ε = 0.25 (rank_bm25), absent terms scored (bm25s).
 *
 * @throws {InvalidArgumentError} for an unknown variant, k1 < 0, b outside [0, 1], δ < 0, ε < 0, or a non-finite value.
 */
export function resolveBm25Parameters(options: Partial<Bm25Parameters>): Bm25Parameters {
  const variant = options.variant ?? 'lucene';
  if (!bm25Variants.includes(variant)) {
    throw new InvalidArgumentError('variant', `unknown BM25 variant ${JSON.stringify(variant)}; expected one of ${bm25Variants.join(', ')}`);
  }
  const k1 = options.k1 ?? 0.9;
  const b = options.b ?? 0.4;
  const delta = options.delta ?? 0.5;
  const epsilon = options.epsilon ?? 0.25;
  if (!Number.isFinite(k1) || k1 < 0) throw new InvalidArgumentError('k1', `k1 must be a finite number ≥ 0, not ${k1}`);
  if (!Number.isFinite(b) || b < 0 || b > 1) throw new InvalidArgumentError('b', `b must be between 0 and 1, not ${b}`);
  if (!Number.isFinite(delta) || delta < 0) throw new InvalidArgumentError('delta', `delta must be a finite number ≥ 0, not ${delta}`);
  if (!Number.isFinite(epsilon) || epsilon < 0) {
    throw new InvalidArgumentError('epsilon', `epsilon must be a finite number ≥ 0, not ${epsilon}`);
  }
  return { variant, k1, b, delta, epsilon, scoreAbsentTerms: options.scoreAbsentTerms ?? true };
}

/**
 * The idf of every term of a field.
 *
 * @param documentFrequencies - n for each term id.
 * @param documentCount - N.
 * @returns idf per term id. `atire` and `bm25+` have n ≥ 1 for every indexed term, so they stay finite.
 */
export function inverseDocumentFrequencies(
  parameters: Bm25Parameters,
  documentFrequencies: Uint32Array,
  documentCount: number,
): Float64Array {
  const idf = new Float64Array(documentFrequencies.length);
  const count = documentCount;
  for (let term = 0; term < documentFrequencies.length; term++) {
    const frequency = documentFrequencies[term]!;
    switch (parameters.variant) {
      case 'lucene':
      case 'classic':
        idf[term] = Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
        break;
      case 'robertson':
        idf[term] = Math.log(Math.max(1, (count - frequency + 0.5) / (frequency + 0.5)));
        break;
      case 'atire':
        idf[term] = Math.log(count / frequency);
        break;
      case 'bm25l':
        idf[term] = Math.log((count + 1) / (frequency + 0.5));
        break;
      case 'bm25+':
        idf[term] = Math.log((count + 1) / frequency);
        break;
      case 'rank-bm25':
        idf[term] = Math.log(count - frequency + 0.5) - Math.log(frequency + 0.5);
        break;
    }
  }
  if (parameters.variant === 'rank-bm25' && idf.length > 0) {
    // rank_bm25 floors negative idf at epsilon times the mean idf of the whole vocabulary (negatives included).
    let sum = 0;
    for (const value of idf) sum += value;
    const floor = parameters.epsilon * (sum / idf.length);
    for (let term = 0; term < idf.length; term++) if (idf[term]! < 0) idf[term] = floor;
  }
  return idf;
}

/** idf × tf-component for one term in one document, given the term's idf, its frequency and the document's length. */
export type TermScorer = (idf: number, frequency: number, length: number) => number;

/**
 * The per-term scoring function of a field whose mean document length is `averageLength`.
 *
 * The Lucene form is written `(idf · f) / (f + k1 · (1 − b + b · dl / avgdl))`, the operation order of the script
 * behind the reference scores, so that scores are bit-identical and ties fall the same way.
 */
export function termScorer(parameters: Bm25Parameters, averageLength: number): TermScorer {
  const { k1, b, delta } = parameters;
  switch (parameters.variant) {
    case 'lucene':
    case 'robertson':
      return (idf, frequency, length) => (idf * frequency) / (frequency + k1 * (1 - b + (b * length) / averageLength));
    case 'atire':
    case 'classic':
    case 'rank-bm25':
      return (idf, frequency, length) =>
        (idf * (frequency * (k1 + 1))) / (frequency + k1 * (1 - b + (b * length) / averageLength));
    case 'bm25l':
      return (idf, frequency, length) => {
        const normalized = frequency / (1 - b + (b * length) / averageLength);
        return (idf * ((k1 + 1) * (normalized + delta))) / (k1 + normalized + delta);
      };
    case 'bm25+':
      return (idf, frequency, length) =>
        idf * ((frequency * (k1 + 1)) / (k1 * (1 - b + (b * length) / averageLength) + frequency) + delta);
  }
}

/**
 * What a query term absent from a document adds: idf × tf-component(0). Zero except for BM25L and BM25+ with
 * `scoreAbsentTerms`, where bm25s and rank_bm25 add (k1 + 1)δ/(k1 + δ) and δ respectively.
 */
export function absentTermScore(parameters: Bm25Parameters, idf: number): number {
  if (!parameters.scoreAbsentTerms) return 0;
  const { k1, delta } = parameters;
  if (parameters.variant === 'bm25l') return (idf * ((k1 + 1) * delta)) / (k1 + delta);
  if (parameters.variant === 'bm25+') return idf * delta;
  return 0;
}
