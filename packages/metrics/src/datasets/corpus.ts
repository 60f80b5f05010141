/**
 * A document of a retrieval corpus. BEIR's `corpus.jsonl` rows read into this shape; build it by hand for any
 * other source.
 */
export interface CorpusDocument {
  /** The document id, as the qrels and runs name it (always a string: `"001"` and `"1"` differ). */
  readonly id: string;
  /** The title; absent or `''` when the document has none. */
  readonly title?: string;
  readonly text: string;
  /**
   * Every other field of the source row, as parsed: BEIR's `metadata`, a translation in another language, anything
   * a {@link Bm25Field} may index by name.
   */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A query (topic) of a benchmark: BEIR's `queries.jsonl` rows read into this shape. */
export interface SearchQuery {
  readonly id: string;
  readonly text: string;
  /** Every other field of the source row, as parsed (BEIR's `metadata`, a translation...). */
  readonly extra?: Readonly<Record<string, unknown>>;
}
