/**
 * Worked examples as data. Each kind names a computation that `@benchline/metrics` or `@benchline/lora` (or a
 * reference file from scipy, trec_eval or the BM25 reference scripts) can redo; the glossary's tests recompute every
 * `expect` and fail on any difference larger than the precision the number is written with.
 *
 * Numbers in `expect` are written to the precision the prose should show: 0.3066 claims the exact value rounds to
 * 0.3066, not 0.3067.
 */

/** Relevance judgments of one query: document id → grade (0 or less: judged non-relevant; absent: unjudged). */
export type Judgments = Readonly<Record<string, number>>;

/** One query's ranking (best first) with its judgments. */
export interface JudgedRanking {
  readonly ranking: readonly string[];
  readonly qrels: Judgments;
}

/**
 * Measures in ir_measures' notation, as `@benchline/metrics` reads them. `R@k` is TREC recall (relevant retrieved
 * in the top k ÷ all relevant); `Success@k` is the hit rate that metric-learning papers call R@k;
 * `R_cap@k` is BEIR's capped recall; `F1` is the set F-measure of the whole ranking.
 */
export type MeasureName =
  | 'AP'
  | 'RR'
  | 'Rprec'
  | 'Bpref'
  | 'nDCG'
  | 'F1'
  | `AP@${number}`
  | `P@${number}`
  | `R@${number}`
  | `Success@${number}`
  | `nDCG@${number}`
  | `DCG@${number}`
  | `RR@${number}`
  | `R_cap@${number}`
  | `Judged@${number}`
  | `RBP(p=${number})`;

/** LoRA's trainable parameters on one matrix, against a full update (`matrixParameterCount` in `@benchline/lora`). */
export interface LoraParamsComputation {
  readonly kind: 'lora-params';
  readonly input: { readonly rows: number; readonly cols: number; readonly rank: number };
  readonly expect: { readonly full: number; readonly lora: number; readonly fraction: number; readonly reduction: number };
}

/** DoRA on one matrix: LoRA's B·A plus a magnitude vector with one entry per output row (PEFT's layout). */
export interface DoraParamsComputation {
  readonly kind: 'dora-params';
  readonly input: { readonly rows: number; readonly cols: number; readonly rank: number };
  readonly expect: { readonly lora: number; readonly magnitude: number; readonly total: number };
}

/** A retrieval measure over one or more queries, per query and as the mean (trec_eval semantics). */
export interface MeasureComputation {
  readonly kind: 'measure';
  readonly measure: MeasureName;
  readonly queries: readonly JudgedRanking[];
  readonly expect: { readonly perQuery: readonly number[]; readonly mean: number };
}

/** Several measures over the same queries, to contrast them (TREC recall@1 against Success@1, say). */
export interface MeasuresComputation {
  readonly kind: 'measures';
  readonly queries: readonly JudgedRanking[];
  /** Measure name → mean over the queries. */
  readonly expect: Readonly<Partial<Record<MeasureName, number>>>;
}

/** A set-based confusion matrix and the measures it gives. */
export interface ConfusionComputation {
  readonly kind: 'confusion';
  readonly input: { readonly truePositives: number; readonly falsePositives: number; readonly falseNegatives: number; readonly trueNegatives: number };
  readonly expect: Readonly<Partial<Record<'precision' | 'recall' | 'f1' | 'accuracy' | 'retrieved' | 'relevant', number>>>;
}

/** Paired per-query scores of a baseline and a system (`d = system − baseline`). */
interface PairedScores {
  readonly baseline: readonly number[];
  readonly system: readonly number[];
}

/**
 * A two-sided paired significance test. Expected keys: Student's t `{ t, df, pValue }`; Wilcoxon signed-rank as
 * scipy's `method='auto'` computes it `{ wPlus, wMinus, pValue }`; sign test `{ wins, losses, pValue }`; exact
 * randomization over all 2ⁿ sign flips `{ extreme, assignments, pValue }`.
 */
export type PairedTestComputation = PairedScores &
  (
    | { readonly kind: 'paired-test'; readonly test: 'student-t'; readonly expect: { readonly t: number; readonly df: number; readonly pValue: number } }
    | { readonly kind: 'paired-test'; readonly test: 'wilcoxon'; readonly expect: { readonly wPlus: number; readonly wMinus: number; readonly pValue: number } }
    | { readonly kind: 'paired-test'; readonly test: 'sign'; readonly expect: { readonly wins: number; readonly losses: number; readonly pValue: number } }
    | {
        readonly kind: 'paired-test';
        readonly test: 'randomization';
        readonly expect: { readonly extreme: number; readonly assignments: number; readonly pValue: number };
      }
  );

/** Descriptive statistics of paired differences: mean, standard deviation, Cohen's d_z, 95% t interval, W/T/L. */
export interface PairedSummaryComputation extends PairedScores {
  readonly kind: 'paired-summary';
  readonly expect: Readonly<
    Partial<Record<'meanBaseline' | 'meanSystem' | 'meanDifference' | 'standardDeviation' | 'cohenDz' | 'ciLow' | 'ciHigh' | 'wins' | 'ties' | 'losses', number>>
  >;
}

/** The paired bootstrap, enumerated exactly: all nⁿ equally likely resamples of the differences. */
export interface ExactBootstrapComputation {
  readonly kind: 'exact-bootstrap';
  readonly differences: readonly number[];
  /** `pValue`: share of resample means m with |m − d̄| ≥ |d̄| (the shift test of Urbano et al. 2019). */
  readonly expect: { readonly resamples: number; readonly meanDifference: number; readonly pValue: number };
}

/** Adjusted p-values in input order (`adjustPValues` in `@benchline/metrics`). */
export interface AdjustPValuesComputation {
  readonly kind: 'adjust-p-values';
  readonly method: 'bonferroni' | 'holm' | 'bh';
  readonly pValues: readonly number[];
  readonly expect: { readonly adjusted: readonly number[]; readonly rejectedAt005: number };
}

/** Power of a two-sided paired test under the normal approximation: Φ(d·√n − z₁₋α/₂). */
export interface NormalPowerComputation {
  readonly kind: 'normal-power';
  readonly input: { readonly effectSize: number; readonly queries: number; readonly criticalZ: number };
  readonly expect: { readonly power: number };
}

/** BM25 scores of documents for a query, Lucene's formula, whitespace tokens, lower case. */
export interface Bm25Computation {
  readonly kind: 'bm25';
  readonly documents: Readonly<Record<string, string>>;
  readonly query: string;
  readonly k1: number;
  readonly b: number;
  readonly expect: { readonly scores: Readonly<Record<string, number>> };
}

/** Reciprocal rank fusion of rankings (best first): score(d) = Σ 1/(k + rank). */
export interface RrfComputation {
  readonly kind: 'rrf';
  readonly k: number;
  readonly rankings: readonly (readonly string[])[];
  readonly expect: { readonly scores: Readonly<Record<string, number>>; readonly order: readonly string[] };
}

/** Similarity of a query vector to document vectors. */
export interface SimilarityComputation {
  readonly kind: 'similarity';
  readonly metric: 'cosine' | 'dot';
  readonly query: readonly number[];
  readonly documents: Readonly<Record<string, readonly number[]>>;
  readonly expect: { readonly scores: Readonly<Record<string, number>> };
}

/** LoRA's scaling factor: α/r (LoRA) and α/√r (rsLoRA) for several ranks. */
export interface LoraScalingComputation {
  readonly kind: 'lora-scaling';
  readonly input: { readonly alpha: number; readonly ranks: readonly number[] };
  readonly expect: { readonly lora: readonly number[]; readonly rslora: readonly number[] };
}

/** The rank of a small matrix. */
export interface MatrixRankComputation {
  readonly kind: 'matrix-rank';
  readonly matrix: readonly (readonly number[])[];
  readonly expect: { readonly rank: number };
}

/** Numbers of parameters of whole-model or per-layer methods, from sizes. */
export interface ParameterFormulaComputation {
  readonly kind: 'parameter-formula';
  /**
   * `adapter`: a bottleneck adapter per site, 2·d·m + d + m (down and up projections with biases);
   * `prompt-tuning`: tokens × hidden; `prefix-tuning`: 2 (keys and values) × layers × tokens × hidden.
   */
  readonly method: 'adapter' | 'prompt-tuning' | 'prefix-tuning';
  readonly input: Readonly<Record<string, number>>;
  readonly expect: { readonly parameters: number; readonly fractionOfModel?: number };
  /** Size of the whole model, for `fractionOfModel`. */
  readonly modelParameters?: number;
}

/** Memory in bytes: Σ count × bytes each, per named item, and the total. */
export interface MemoryComputation {
  readonly kind: 'memory';
  readonly items: Readonly<Record<string, { readonly count: number; readonly bytesEach: number }>>;
  /** Item name → gigabytes (10⁹ bytes); `total` → their sum. */
  readonly expect: Readonly<Record<string, number>>;
  /**
   * The `@benchline/lora` calculation the items must agree with: `full-adamw-bf16` (`estimateMemory` of full
   * fine-tuning with bf16 weights: items `weights`, `gradients`, `master`, `adam`) or `nf4-double-quantization`
   * (`nf4BitsPerParameter(true)`: items `weights` at 4 bits and `constants`).
   */
  readonly check?: { readonly calculator: 'full-adamw-bf16' | 'nf4-double-quantization'; readonly parameters: number };
}

/**
 * Numbers read from a reference file in `../shared/reference` (made by trec_eval, scipy or the BM25 reference
 * scripts, not by Benchline): `figures` maps a name to a JSON path in `source`.
 */
export interface ReferenceFiguresComputation {
  readonly kind: 'reference-figures';
  readonly source: string;
  readonly figures: Readonly<Record<string, readonly string[]>>;
  readonly expect: Readonly<Record<string, number>>;
}

/**
 * Plain arithmetic for narrative examples (an ablation's difference, a relative improvement): each expression
 * uses numbers, + − * / and parentheses, and may name earlier results.
 */
export interface ArithmeticComputation {
  readonly kind: 'arithmetic';
  readonly expressions: Readonly<Record<string, string>>;
  readonly expect: Readonly<Record<string, number>>;
}

/**
 * Counts read from a BEIR-layout test collection in `../shared/data/<dataset>/beir`: documents, queries,
 * judgments (lines of `qrels/test.tsv`), positive judgments (grade > 0) and their mean per judged query.
 */
export interface DatasetStatsComputation {
  readonly kind: 'dataset-stats';
  readonly dataset: 'cranfield' | 'cisi';
  readonly expect: Readonly<Partial<Record<'documents' | 'queries' | 'judgments' | 'positiveJudgments' | 'relevantPerQuery', number>>>;
}

/** Several computations in one example; placeholders read `parts.<name>.expect.<key>`. */
export interface CombinedComputation {
  readonly kind: 'combined';
  readonly parts: Readonly<Record<string, Exclude<Computation, CombinedComputation>>>;
}

export type Computation =
  | CombinedComputation
  | DatasetStatsComputation
  | LoraParamsComputation
  | DoraParamsComputation
  | MeasureComputation
  | MeasuresComputation
  | ConfusionComputation
  | PairedTestComputation
  | PairedSummaryComputation
  | ExactBootstrapComputation
  | AdjustPValuesComputation
  | NormalPowerComputation
  | Bm25Computation
  | RrfComputation
  | SimilarityComputation
  | LoraScalingComputation
  | MatrixRankComputation
  | ParameterFormulaComputation
  | MemoryComputation
  | ReferenceFiguresComputation
  | ArithmeticComputation;

export type ComputationKind = Computation['kind'];
