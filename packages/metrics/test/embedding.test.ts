import { describe, expect, it } from 'vitest';
import { embeddingRetrieval, InvalidArgumentError, nearestNeighbors } from '../src/index.js';
import type { EmbeddingRetrievalOptions, Similarity } from '../src/index.js';

// Known answers: (1) the cases of pytorch-metric-learning's own tests (tests/utils/test_calculate_accuracies.py,
// AccuracyCalculator with 1-D embeddings and L2 distance), whose expected values are written there from the
// definitions; (2) a brute-force reference below, written independently (full similarity matrix, sort, the
// definitions of Recall@K, R-precision and MAP@R); (3) small cases checked by hand.

const rows = (...values: number[][]): Float32Array[] => values.map((row) => Float32Array.from(row));
const line = (values: number[]): Float32Array[] => values.map((value) => Float32Array.of(value));
const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

/** R@1, R-precision and MAP@R all equal `expected` (to rounding). */
function expectAllEqual(values: { r1: number; rPrecision: number; mapAtR: number }, expected: number): void {
  for (const value of [values.r1, values.rPrecision, values.mapAtR]) expect(value).toBeCloseTo(expected, 15);
}

function measures(options: EmbeddingRetrievalOptions): { r1: number; rPrecision: number; mapAtR: number } {
  const result = embeddingRetrieval({ similarity: 'l2', k: 1, ...options });
  return { r1: result.recallAtK[0]!.value, rPrecision: result.rPrecision!, mapAtR: result.mapAtR! };
}

describe("pytorch-metric-learning's AccuracyCalculator test cases", () => {
  it('identical query and reference sets, distinct labels: everything 1', () => {
    expect(
      measures({ queries: line(range(10)), gallery: line(range(10)), queryLabels: range(10), galleryLabels: range(10) }),
    ).toEqual({ r1: 1, rPrecision: 1, mapAtR: 1 });
  });

  it('reference = 0, 0.5, …, 9.5 with query i as its own reference i: R-precision 0.5, MAP@R (1 + 1 + 3/5 + 4/7 + 5/9)/10', () => {
    // In PML's test only query 1 (label 1, R = 11 − 1 = 10) is evaluated; the result is its values.
    const galleryLabels = range(20).map((index) => (index % 2 === 0 ? index / 2 : 1));
    const result = embeddingRetrieval({
      queries: line(range(10)),
      gallery: line(range(20).map((index) => index / 2)),
      queryLabels: range(10),
      galleryLabels,
      selfIndices: range(10),
      similarity: 'l2',
      k: 1,
    });
    expect(result.perQuery.relevantCount[1]).toBe(10);
    expect(result.perQuery.firstRelevantRank[1]).toBe(1);
    expect(result.perQuery.rPrecision[1]).toBe(0.5);
    expect(result.perQuery.averagePrecisionAtR[1]).toBeCloseTo((1 + 2 / 2 + 3 / 5 + 4 / 7 + 5 / 9) / 10, 15);
    // A documented difference: query j ≥ 2 (label j) is "its own reference" j, which carries label 1 or j/2, not j.
    // PML subtracts that item from R anyway (R = 1 − 1 = 0, query left out); we subtract only a relevant self item,
    // so R = 1 and the query counts. The two agree whenever a query's own gallery item has its label, which is
    // always the case when the queries are the gallery.
    expect(Array.from(result.perQuery.relevantCount)).toEqual([0, 10, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  const outlierQueries = line([...range(9), 100]);
  const outlierReferences = line([-100, ...range(10).slice(1)]);
  it('one outlier query: 0.9 averaged over queries, 0.5 averaged over classes (avg_of_avgs)', () => {
    const base = {
      queries: outlierQueries,
      gallery: outlierReferences,
      queryLabels: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      galleryLabels: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    };
    const perQuery = measures(base);
    expect(perQuery.r1).toBeCloseTo(0.9, 15);
    expect(perQuery.rPrecision).toBeCloseTo(0.9, 15);
    expect(perQuery.mapAtR).toBeCloseTo(0.9, 15);
    expectAllEqual(measures({ ...base, average: 'class' }), 0.5);
  });

  it('custom label comparison (same first component, different second) as an isRelevant predicate', () => {
    const queryLabels: number[][] = [...range(9).map(() => [0, 2]), [1, 2]];
    const galleryLabels: number[][] = [[1, 3], ...range(9).map(() => [0, 3])];
    const options = {
      queries: outlierQueries,
      gallery: outlierReferences,
      isRelevant: (query: number, item: number) =>
        queryLabels[query]![0] === galleryLabels[item]![0] && queryLabels[query]![1] !== galleryLabels[item]![1],
      queryLabels: queryLabels.map((label) => label.join(',')),
    };
    const perQuery = measures(options);
    expectAllEqual(perQuery, 0.9);
    expectAllEqual(measures({ ...options, average: 'class' }), 0.5);

    // The "simple case": two queries, five references.
    const simpleQueryLabels = [[1, 3], [7, 3]];
    const simpleGalleryLabels = [[1, 3], [7, 4], [1, 4], [1, 5], [1, 6]];
    const simple = measures({
      queries: line([0, 1]),
      gallery: line(range(5)),
      isRelevant: (query, item) =>
        simpleQueryLabels[query]![0] === simpleGalleryLabels[item]![0] &&
        simpleQueryLabels[query]![1] !== simpleGalleryLabels[item]![1],
    });
    expect(simple.r1).toBe(0.5);
    expect(simple.rPrecision).toBeCloseTo((1 / 3 + 1) / 2, 15);
    expect(simple.mapAtR).toBeCloseTo((1 / 3 / 3 + 1) / 2, 15);
  });

  it('float labels compared with |x − y| < 1, without and with the query as its own reference', () => {
    const queryLabels = [0.01, 0.02];
    const galleryLabels = [10, 0.03, 0.04, 0.05];
    const options = {
      queries: line([0, 3]),
      gallery: line(range(4)),
      isRelevant: (query: number, item: number) => Math.abs(queryLabels[query]! - galleryLabels[item]!) < 1,
    };
    const separate = measures(options);
    expect(separate.r1).toBe(0.5);
    expect(separate.rPrecision).toBeCloseTo((2 / 3 + 1) / 2, 15);
    expect(separate.mapAtR).toBeCloseTo(((0 + 1 / 2 + 2 / 3) / 3 + 1) / 2, 15);
    expect(measures({ ...options, selfIndices: [0, 1] })).toEqual({ r1: 1, rPrecision: 1, mapAtR: 1 });
  });
});

/** Deterministic pseudo-random floats for the brute-force comparison (not our PRNG: independent of the code). */
function sineNoise(seed: number): () => number {
  let step = seed;
  return () => {
    step += 1;
    const value = Math.sin(step * 12.9898 + seed * 78.233) * 43758.5453;
    return value - Math.floor(value) - 0.5;
  };
}

/** Brute force: full similarity matrix, every row sorted, measures from their definitions. */
function bruteForce(
  queries: Float32Array[],
  gallery: Float32Array[],
  labels: { query: number[]; gallery: number[] },
  setup: { similarity: Similarity; selfExcluded: boolean; cutoffs: number[] },
) {
  const similarityOf = (a: Float32Array, b: Float32Array): number => {
    const dot = a.reduce((sum, value, index) => sum + value * b[index]!, 0);
    if (setup.similarity === 'dot') return dot;
    if (setup.similarity === 'l2') return -a.reduce((sum, value, index) => sum + (value - b[index]!) ** 2, 0);
    const norm = (vector: Float32Array) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
    return dot / (norm(a) * norm(b));
  };
  const rankings = queries.map((query, queryIndex) =>
    gallery
      .map((item, itemIndex) => ({ itemIndex, score: similarityOf(query, item) }))
      .filter(({ itemIndex }) => !(setup.selfExcluded && itemIndex === queryIndex))
      .sort((left, right) => right.score - left.score || left.itemIndex - right.itemIndex),
  );
  const perQuery = rankings.map((ranking, queryIndex) => {
    const relevant = ranking.map(({ itemIndex }) => labels.gallery[itemIndex] === labels.query[queryIndex]);
    const r = relevant.filter(Boolean).length;
    const topR = relevant.slice(0, r);
    let hits = 0;
    const averagePrecision = topR.reduce((sum, isHit, rank) => (isHit ? sum + ++hits / (rank + 1) : sum), 0) / r;
    return {
      r,
      recall: setup.cutoffs.map((k) => (relevant.slice(0, k).some(Boolean) ? 1 : 0)),
      rPrecision: topR.filter(Boolean).length / r,
      averagePrecision,
      ranking: ranking.map(({ itemIndex }) => itemIndex),
    };
  });
  const evaluated = perQuery.filter(({ r }) => r > 0);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    perQuery,
    recall: setup.cutoffs.map((_, index) => mean(evaluated.map(({ recall }) => recall[index]!))),
    rPrecision: mean(evaluated.map(({ rPrecision }) => rPrecision)),
    mapAtR: mean(evaluated.map(({ averagePrecision }) => averagePrecision)),
    lone: perQuery.length - evaluated.length,
  };
}

describe('against a brute-force reference', () => {
  const noise = sineNoise(3);
  const dimension = 6;
  const queries = Array.from({ length: 40 }, () => Float32Array.from({ length: dimension }, noise));
  const gallery = Array.from({ length: 57 }, () => Float32Array.from({ length: dimension }, noise));
  const queryLabels = range(40).map((index) => (index * 7) % 9);
  const galleryLabels = range(57).map((index) => (index * 5) % 11); // labels 9 and 10 have no query; some queries none
  const cutoffs = [1, 2, 4, 8];

  it.each(['cosine', 'dot', 'l2'] as const)('%s, separate gallery, several block sizes', (similarity) => {
    const expected = bruteForce(queries, gallery, { query: queryLabels, gallery: galleryLabels }, { similarity, selfExcluded: false, cutoffs });
    for (const blockSize of [1, 7, 256]) {
      const result = embeddingRetrieval({ queries, gallery, queryLabels, galleryLabels, similarity, k: cutoffs, blockSize });
      expect(result.recallAtK.map(({ value }) => value)).toEqual(expected.recall);
      expect(result.rPrecision).toBeCloseTo(expected.rPrecision, 14);
      expect(result.mapAtR).toBeCloseTo(expected.mapAtR, 14);
      expect(result.queriesWithoutRelevant).toBe(expected.lone);
      const neighbors = nearestNeighbors({ queries, gallery, similarity, k: 10, blockSize });
      expected.perQuery.forEach(({ ranking }, query) => {
        expect(Array.from(neighbors.indices.subarray(query * 10, query * 10 + 10))).toEqual(ranking.slice(0, 10));
      });
    }
  });

  it.each(['cosine', 'l2'] as const)('%s, queries as the gallery (self excluded by index)', (similarity) => {
    const expected = bruteForce(gallery, gallery, { query: galleryLabels, gallery: galleryLabels }, { similarity, selfExcluded: true, cutoffs });
    const result = embeddingRetrieval({ queries: gallery, queryLabels: galleryLabels, similarity, k: cutoffs, blockSize: 5 });
    expect(result.recallAtK.map(({ value }) => value)).toEqual(expected.recall);
    expect(result.rPrecision).toBeCloseTo(expected.rPrecision, 14);
    expect(result.mapAtR).toBeCloseTo(expected.mapAtR, 14);
    expect(Array.from(result.perQuery.relevantCount)).toEqual(expected.perQuery.map(({ r }) => r));
  });

  it('accepts one flat Float32Array with a dimension, with the same result', () => {
    const flat = new Float32Array(gallery.length * dimension);
    gallery.forEach((row, index) => flat.set(row, index * dimension));
    const fromRows = embeddingRetrieval({ queries: gallery, queryLabels: galleryLabels });
    const fromFlat = embeddingRetrieval({ queries: flat, dimension, queryLabels: galleryLabels });
    expect(fromFlat).toEqual(fromRows);
  });
});

describe('hand-checked cases', () => {
  it('excludes the query by index, not by value: a duplicate vector is still a neighbour', () => {
    // Rows 0 and 1 are the same vector with the same label; row 2 is far away with another label.
    const queries = rows([1, 0], [1, 0], [0, 1]);
    const result = embeddingRetrieval({ queries, queryLabels: ['a', 'a', 'b'], similarity: 'cosine', k: 1 });
    expect(Array.from(result.perQuery.firstRelevantRank)).toEqual([1, 1, 0]);
    expect(result.queriesWithoutRelevant).toBe(1); // "b" has no other item
    expect(result.recallAtK).toEqual([{ k: 1, value: 1 }]);
    const neighbors = nearestNeighbors({ queries, k: 2, similarity: 'cosine' });
    expect(Array.from(neighbors.indices)).toEqual([1, 2, 0, 2, 0, 1]);
  });

  it('image-to-text retrieval with five captions per image, and text-to-image with one image per caption', () => {
    // Two images at (1, 0) and (0, 1); captions 0–4 describe image 0, captions 5–9 image 1. Caption 4 is closer
    // to image 1, caption 9 is in between.
    const images = rows([1, 0], [0, 1]);
    const captions = rows([1, 0.1], [1, 0.2], [1, 0.3], [1, 0.4], [0.1, 1], [0.2, 1], [0.3, 1], [0.4, 1], [0.5, 1], [1, 1]);
    const captionImage = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
    const imageToText = embeddingRetrieval({
      queries: images,
      gallery: captions,
      queryLabels: [0, 1],
      galleryLabels: captionImage,
      k: [1, 5],
    });
    // Image 0 ranks captions 0,1,2,3,9(cos .707),8,... : R = 5, top 5 holds 4 relevant → R-precision 4/5.
    expect(Array.from(imageToText.perQuery.relevantCount)).toEqual([5, 5]);
    expect(imageToText.recallAtK).toEqual([
      { k: 1, value: 0.5 },
      { k: 5, value: 1 },
    ]);
    // Image 1 ranks captions 4 (irrelevant, cos .995), 5, 6, 7, 8 → R-precision 4/5, AP@R = (1/2 + 2/3 + 3/4 + 4/5)/5.
    expect(imageToText.perQuery.rPrecision[1]).toBeCloseTo(4 / 5, 15);
    expect(imageToText.perQuery.averagePrecisionAtR[1]).toBeCloseTo((1 / 2 + 2 / 3 + 3 / 4 + 4 / 5) / 5, 15);
    expect(imageToText.perQuery.averagePrecisionAtR[0]).toBeCloseTo((1 + 1 + 1 + 1) / 5, 15);

    const textToImage = embeddingRetrieval({
      queries: captions,
      gallery: images,
      isRelevant: (caption, image) => captionImage[caption] === image,
      k: 1,
    });
    // Caption 4 (0.1, 1) is nearer image 1: a miss at R@1. Caption 9 (1, 1) ties; the lower index (image 0) wins
    // the tie, also a miss. Only R = 1 neighbour is retrieved, so their first relevant rank is "none" (0).
    expect(textToImage.depth).toBe(1);
    expect(Array.from(textToImage.perQuery.firstRelevantRank)).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 1, 0]);
    expect(textToImage.recallAtK).toEqual([{ k: 1, value: 0.8 }]);
  });
});

describe('input errors', () => {
  const queries = rows([1, 0], [0, 1], [1, 1]);
  it('rejects malformed vectors and labels with typed errors', () => {
    expect(() => embeddingRetrieval({ queries: rows([1, 0], [0, 0]), queryLabels: [1, 1] })).toThrow(
      'row 1 is the zero vector, whose cosine similarity is undefined',
    );
    expect(() => embeddingRetrieval({ queries: rows([1, 0], [0, 1, 2]), queryLabels: [1, 1] })).toThrow(
      'row 1 has dimension 3, expected 2 like row 0',
    );
    expect(() => embeddingRetrieval({ queries: rows([1, Number.NaN]), queryLabels: [1] })).toThrow(
      'row 0, component 1 must be finite, got NaN',
    );
    expect(() => embeddingRetrieval({ queries: new Float32Array(6), queryLabels: [1, 1, 1] })).toThrow(
      'a flat Float32Array needs the option dimension',
    );
    expect(() => embeddingRetrieval({ queries, queryLabels: [1, 2] })).toThrow('queryLabels must hold one label per vector (3), got 2');
    expect(() => embeddingRetrieval({ queries, gallery: queries, queryLabels: [1, 2, 3] })).toThrow(
      'a separate gallery needs galleryLabels',
    );
    expect(() => embeddingRetrieval({ queries, queryLabels: [1, 2, 3] })).toThrow('no query has a relevant gallery item');
    expect(() => embeddingRetrieval({ queries, queryLabels: [1, 1, 1], k: [1, 0] })).toThrow(
      'every cutoff K must be a positive integer, got 0',
    );
    expect(() => nearestNeighbors({ queries, gallery: rows([1, 2, 3]), k: 1 })).toThrow(
      'queries have dimension 2 but gallery vectors 3',
    );
    expect(() => nearestNeighbors({ queries, k: 1, selfIndices: [0, 1, 5] })).toThrow(InvalidArgumentError);
  });
});
