import type { Analyzer } from '../text/analyzers.js';

/**
 * The inverted index of one field, in typed arrays (compressed sparse rows by term): the postings of term `t` are
 * `postingDocuments[postingStarts[t] .. postingStarts[t + 1])`, in increasing document order, with the term's
 * frequency in each document in `postingFrequencies` at the same positions.
 */
export interface FieldIndex {
  /** Term → term id (ids in order of first appearance in the corpus). */
  readonly vocabulary: ReadonlyMap<string, number>;
  /** `termCount + 1` offsets into the posting arrays. */
  readonly postingStarts: Uint32Array;
  readonly postingDocuments: Uint32Array;
  /** Uint16 when no term occurs more than 65,535 times in one document, Uint32 otherwise. */
  readonly postingFrequencies: Uint16Array | Uint32Array;
  /** Number of terms of each document after analysis (the exact length: no Lucene one-byte rounding). */
  readonly documentLengths: Uint32Array;
  /** Sum of {@link FieldIndex.documentLengths}. */
  readonly totalLength: number;
}

/** A Uint32Array that doubles when full. */
class GrowableUint32Array {
  values = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/**
 * Analyzes every document's field text and builds the field's inverted index.
 *
 * @param documentCount - number of documents.
 * @param textOf - the field text of document `index`.
 * @param analyzer - the field's analyzer.
 */
export function buildFieldIndex(documentCount: number, textOf: (index: number) => string, analyzer: Analyzer): FieldIndex {
  const vocabulary = new Map<string, number>();
  const documentLengths = new Uint32Array(documentCount);
  // (term, document, frequency) triples in document order; one per distinct term of each document.
  const tripleTerms = new GrowableUint32Array();
  const tripleDocuments = new GrowableUint32Array();
  const tripleFrequencies = new GrowableUint32Array();
  let countsByTerm = new Uint32Array(1024);
  const termsOfDocument: number[] = [];
  let totalLength = 0;
  let maximumFrequency = 0;

  for (let document = 0; document < documentCount; document++) {
    const terms = analyzer.analyze(textOf(document));
    documentLengths[document] = terms.length;
    totalLength += terms.length;
    for (const term of terms) {
      let termId = vocabulary.get(term);
      if (termId === undefined) {
        termId = vocabulary.size;
        vocabulary.set(term, termId);
        if (termId >= countsByTerm.length) {
          const grown = new Uint32Array(countsByTerm.length * 2);
          grown.set(countsByTerm);
          countsByTerm = grown;
        }
      }
      if (countsByTerm[termId] === 0) termsOfDocument.push(termId);
      countsByTerm[termId]!++;
    }
    for (const termId of termsOfDocument) {
      const frequency = countsByTerm[termId]!;
      if (frequency > maximumFrequency) maximumFrequency = frequency;
      tripleTerms.push(termId);
      tripleDocuments.push(document);
      tripleFrequencies.push(frequency);
      countsByTerm[termId] = 0;
    }
    termsOfDocument.length = 0;
  }

  // Counting sort of the triples by term; a stable pass keeps each term's postings in document order.
  const termCount = vocabulary.size;
  const postingCount = tripleTerms.length;
  const postingStarts = new Uint32Array(termCount + 1);
  for (let index = 0; index < postingCount; index++) postingStarts[tripleTerms.values[index]! + 1]!++;
  for (let term = 0; term < termCount; term++) postingStarts[term + 1]! += postingStarts[term]!;
  const postingDocuments = new Uint32Array(postingCount);
  const postingFrequencies = maximumFrequency <= 0xffff ? new Uint16Array(postingCount) : new Uint32Array(postingCount);
  const nextSlot = postingStarts.slice(0, termCount);
  for (let index = 0; index < postingCount; index++) {
    const slot = nextSlot[tripleTerms.values[index]!]!++;
    postingDocuments[slot] = tripleDocuments.values[index]!;
    postingFrequencies[slot] = tripleFrequencies.values[index]!;
  }
  return { vocabulary, postingStarts, postingDocuments, postingFrequencies, documentLengths, totalLength };
}
