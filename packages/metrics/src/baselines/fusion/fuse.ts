import { InvalidArgumentError } from '../../errors.js';
import type { Run, ScoredDocument } from '../../types.js';
import { sortInTrecOrder } from '../ranking/trec-order.js';

/**
 * How the runs' evidence is combined, per query and document:
 * - `rrf`: Reciprocal Rank Fusion (Cormack, Clarke and Büttcher, SIGIR 2009), Σ wᵢ / (k + rankᵢ);
 * - `combsum`: CombSUM (Fox and Shaw, TREC-2 1993), Σ wᵢ · sᵢ over the runs that retrieved the document;
 * - `combmnz`: CombMNZ, that sum times the number of runs that retrieved the document.
 */
export type FusionMethod = 'rrf' | 'combsum' | 'combmnz';

/**
 * How each run's scores are rescaled per query before CombSUM/CombMNZ, with ranx's definitions
 * (`ranx.normalization`): `min-max` (s − min)/(max − min); `z-score` (s − mean)/σ with the population standard
 * deviation (ranx's `zmuv`); `rank` 1 − (r − 1)/n for the document at rank r of n; `none` keeps raw scores.
 * A zero range or deviation is replaced by 1e-9, as ranx does, so a constant list normalises to 0.
 */
export type ScoreNormalization = 'none' | 'min-max' | 'z-score' | 'rank';

/** Every {@link FusionMethod} and {@link ScoreNormalization}, for validation and help texts. */
export const fusionMethods: readonly FusionMethod[] = Object.freeze(['rrf', 'combsum', 'combmnz']);
export const scoreNormalizations: readonly ScoreNormalization[] = Object.freeze(['none', 'min-max', 'z-score', 'rank']);

/** Options of {@link fuse}. */
export interface FuseOptions {
  /** Default `'rrf'`. */
  readonly method?: FusionMethod;
  /** CombSUM/CombMNZ only (RRF uses ranks): default `'min-max'`, ranx's default. */
  readonly normalization?: ScoreNormalization;
  /** RRF's k (default 60, the paper's). */
  readonly rrfK?: number;
  /** One weight per run (default all 1): weighted RRF or weighted sum (ranx's `wsum` is `combsum` with weights). */
  readonly weights?: readonly number[];
  /** Keep the best `k` documents per query (default: every fused document). */
  readonly k?: number;
  /** The fused run's name (default the method: `'rrf'`, `'combsum'`, `'combmnz'`). */
  readonly name?: string;
}

const minimumSpread = 1e-9;

/** Per-document contributions of one run for one query, ranked. */
function contributions(
  ranked: readonly ScoredDocument[],
  method: FusionMethod,
  settings: { readonly normalization: ScoreNormalization; readonly rrfK: number },
): Float64Array {
  const count = ranked.length;
  const values = new Float64Array(count);
  if (method === 'rrf') {
    for (let rank = 0; rank < count; rank++) values[rank] = 1 / (settings.rrfK + rank + 1);
    return values;
  }
  switch (settings.normalization) {
    case 'none':
      for (let rank = 0; rank < count; rank++) values[rank] = ranked[rank]!.score;
      break;
    case 'rank':
      for (let rank = 0; rank < count; rank++) values[rank] = 1 - rank / count;
      break;
    case 'min-max': {
      // Ranked best first, so the extremes are at the ends.
      const maximum = ranked[0]!.score;
      const minimum = ranked[count - 1]!.score;
      const spread = Math.max(maximum - minimum, minimumSpread);
      for (let rank = 0; rank < count; rank++) values[rank] = (ranked[rank]!.score - minimum) / spread;
      break;
    }
    case 'z-score': {
      let sum = 0;
      for (const result of ranked) sum += result.score;
      const mean = sum / count;
      let squares = 0;
      for (const result of ranked) squares += (result.score - mean) ** 2;
      const deviation = Math.max(Math.sqrt(squares / count), minimumSpread);
      for (let rank = 0; rank < count; rank++) values[rank] = (ranked[rank]!.score - mean) / deviation;
      break;
    }
  }
  return values;
}

function checkRun(run: Run, runIndex: number): void {
  for (const [queryId, results] of run.results) {
    const seen = new Set<string>();
    for (const result of results) {
      if (!Number.isFinite(result.score)) {
        throw new InvalidArgumentError(
          'runs',
          `run ${String(runIndex + 1)} (${run.name}), query ${JSON.stringify(queryId)}: document ${JSON.stringify(result.docno)} has score ${String(result.score)}; expected a finite number`,
        );
      }
      if (seen.has(result.docno)) {
        throw new InvalidArgumentError(
          'runs',
          `run ${String(runIndex + 1)} (${run.name}), query ${JSON.stringify(queryId)}: document ${JSON.stringify(result.docno)} is retrieved twice`,
        );
      }
      seen.add(result.docno);
    }
  }
}

/**
 * Fuses runs into one: the usual way to build an "improved" system from baselines, e.g. BM25 over English text and
 * BM25 over a Chinese field (`fuse([englishRun, chineseRun])`).
 *
 * Each run's list for a query is first put in trec_eval's order (score descending, ties by document id
 * descending), which defines the ranks RRF and rank normalisation use. A query missing from some runs is fused from
 * the runs that have it; a document missing from a run gets nothing from that run.
 *
 * @param runs - at least one run; document order inside a query does not matter.
 * @param options - method (default RRF with k = 60), normalisation, weights, depth, name.
 * @returns the fused run, every query of any input run, lists in trec_eval's order.
 * @throws {InvalidArgumentError} for no runs, a weight count that differs from the run count, a non-finite or
 *   negative weight, `rrfK` < 0, a `k` that is not a positive integer, a normalisation given with RRF, an unknown
 *   method or normalisation, a non-finite score, or a document retrieved twice for one query.
 */
export function fuse(runs: readonly Run[], options: FuseOptions = {}): Run {
  const method = options.method ?? 'rrf';
  if (!fusionMethods.includes(method)) {
    throw new InvalidArgumentError('method', `unknown fusion method ${JSON.stringify(method)}; expected one of ${fusionMethods.join(', ')}`);
  }
  if (method === 'rrf' && options.normalization !== undefined && options.normalization !== 'none') {
    throw new InvalidArgumentError('normalization', `RRF fuses ranks, so a score normalization (${options.normalization}) has no effect; leave it out`);
  }
  const normalization = options.normalization ?? (method === 'rrf' ? 'none' : 'min-max');
  if (!scoreNormalizations.includes(normalization)) {
    throw new InvalidArgumentError(
      'normalization',
      `unknown normalization ${JSON.stringify(normalization)}; expected one of ${scoreNormalizations.join(', ')}`,
    );
  }
  const rrfK = options.rrfK ?? 60;
  if (!Number.isFinite(rrfK) || rrfK < 0) throw new InvalidArgumentError('rrfK', `rrfK must be a finite number ≥ 0, not ${String(rrfK)}`);
  if (runs.length === 0) throw new InvalidArgumentError('runs', 'fusion needs at least one run');
  const weights = options.weights ?? runs.map(() => 1);
  if (weights.length !== runs.length) {
    throw new InvalidArgumentError('weights', `${String(weights.length)} weights for ${String(runs.length)} runs; give one weight per run`);
  }
  for (const weight of weights) {
    if (!Number.isFinite(weight) || weight < 0) throw new InvalidArgumentError('weights', `weights must be finite numbers ≥ 0, not ${String(weight)}`);
  }
  const k = options.k;
  if (k !== undefined && (!Number.isSafeInteger(k) || k < 1)) {
    throw new InvalidArgumentError('k', `k must be a positive integer, not ${String(k)}`);
  }
  runs.forEach(checkRun);

  const queryIds = new Set<string>();
  for (const run of runs) for (const queryId of run.results.keys()) queryIds.add(queryId);
  const results = new Map<string, readonly ScoredDocument[]>();
  for (const queryId of queryIds) {
    const sums = new Map<string, number>();
    const counts = new Map<string, number>();
    runs.forEach((run, runIndex) => {
      const list = run.results.get(queryId);
      if (list === undefined || list.length === 0) return;
      const ranked = sortInTrecOrder(list);
      const values = contributions(ranked, method, { normalization, rrfK });
      const weight = weights[runIndex]!;
      ranked.forEach((result, rank) => {
        sums.set(result.docno, (sums.get(result.docno) ?? 0) + weight * values[rank]!);
        counts.set(result.docno, (counts.get(result.docno) ?? 0) + 1);
      });
    });
    if (sums.size === 0) continue;
    const fused: ScoredDocument[] = [];
    for (const [docno, sum] of sums) {
      fused.push({ docno, score: method === 'combmnz' ? sum * counts.get(docno)! : sum });
    }
    const ordered = sortInTrecOrder(fused);
    results.set(queryId, k === undefined ? ordered : ordered.slice(0, k));
  }
  return { name: options.name ?? method, results };
}
