/**
 * The data every part of `@benchline/metrics` exchanges. Readers produce these, the evaluation engine, the
 * baselines (BM25, fusion) and the comparison reports consume them. Fast paths may use columnar forms
 * internally, but public functions accept and return these shapes.
 */

/** Graded relevance judgments: query id → document id → relevance level (0 or negative: judged non-relevant). */
export type Qrels = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** One retrieved document of a ranking. */
export interface ScoredDocument {
  readonly docno: string;
  readonly score: number;
}

/**
 * A system's output for a set of queries, as a TREC run file holds it. Document order inside a query carries no
 * meaning: like trec_eval, the engine ranks by score descending, ties broken by docno descending.
 */
export interface Run {
  /** The run tag (the sixth column of a TREC run file); `runid` in trec_eval's output. */
  readonly name: string;
  /** Query id → retrieved documents. */
  readonly results: ReadonlyMap<string, readonly ScoredDocument[]>;
}
