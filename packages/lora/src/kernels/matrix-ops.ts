import { ShapeMismatchError } from '../errors.js';
import type { Matrix } from '../tensor/matrix.js';
import { assertConsistent, assertShape, createMatrix } from '../tensor/matrix.js';
import { getKernelSet } from './kernel-set.js';

/** α and β of C = α·op(A)·op(B) + β·C. */
export interface ProductScale {
  /** Multiplies the product; default 1. */
  readonly alpha?: number;
  /** Multiplies the previous C; default 0, which overwrites C without reading it. */
  readonly beta?: number;
}

/**
 * C = α·A·B + β·C, shape-checked, on the active {@link KernelSet}.
 *
 * @param output - C, `A.rows × B.cols`; written in place.
 * @throws {ShapeMismatchError} when A.cols ≠ B.rows or C has the wrong shape.
 */
export function matmulInto(output: Matrix, a: Matrix, b: Matrix, scale: ProductScale = {}): Matrix {
  assertConsistent('A', a);
  assertConsistent('B', b);
  if (a.cols !== b.rows) throw new ShapeMismatchError(`A·B: A is ${shape(a)}, B is ${shape(b)}; A's columns must equal B's rows`);
  assertShape('A·B output', output, a.rows, b.cols);
  getKernelSet().matmul({ m: a.rows, n: b.cols, k: a.cols, a: a.data, b: b.data, c: output.data, alpha: scale.alpha ?? 1, beta: scale.beta ?? 0 });
  return output;
}

/**
 * C = α·Aᵀ·B + β·C (A is `k × m`, B is `k × n`), shape-checked.
 *
 * @throws {ShapeMismatchError} when A.rows ≠ B.rows or C is not `A.cols × B.cols`.
 */
export function matmulTransposeAInto(output: Matrix, a: Matrix, b: Matrix, scale: ProductScale = {}): Matrix {
  assertConsistent('A', a);
  assertConsistent('B', b);
  if (a.rows !== b.rows) throw new ShapeMismatchError(`Aᵀ·B: A is ${shape(a)}, B is ${shape(b)}; their rows must be equal`);
  assertShape('Aᵀ·B output', output, a.cols, b.cols);
  getKernelSet().matmulTransposeA({ m: a.cols, n: b.cols, k: a.rows, a: a.data, b: b.data, c: output.data, alpha: scale.alpha ?? 1, beta: scale.beta ?? 0 });
  return output;
}

/**
 * C = α·A·Bᵀ + β·C (A is `m × k`, B is `n × k`), shape-checked. `nn.Linear` computes x·Wᵀ this way.
 *
 * @throws {ShapeMismatchError} when A.cols ≠ B.cols or C is not `A.rows × B.rows`.
 */
export function matmulTransposeBInto(output: Matrix, a: Matrix, b: Matrix, scale: ProductScale = {}): Matrix {
  assertConsistent('A', a);
  assertConsistent('B', b);
  if (a.cols !== b.cols) throw new ShapeMismatchError(`A·Bᵀ: A is ${shape(a)}, B is ${shape(b)}; their columns must be equal`);
  assertShape('A·Bᵀ output', output, a.rows, b.rows);
  getKernelSet().matmulTransposeB({ m: a.rows, n: b.rows, k: a.cols, a: a.data, b: b.data, c: output.data, alpha: scale.alpha ?? 1, beta: scale.beta ?? 0 });
  return output;
}

/** A·B in a new matrix. */
export function matmul(a: Matrix, b: Matrix): Matrix {
  return matmulInto(createMatrix(a.rows, b.cols), a, b);
}

/**
 * W += scale·B·A without forming B·A; with `transposed`, W is stored `in × out` and receives (B·A)ᵀ.
 *
 * @param weight - `B.rows × A.cols` (or `A.cols × B.rows` when transposed); updated in place.
 * @param b - B, `out × r`.
 * @param a - A, `r × in`.
 * @throws {ShapeMismatchError} when the ranks or the weight's shape disagree.
 */
export function addScaledProduct(weight: Matrix, b: Matrix, a: Matrix, options: { scale: number; transposed?: boolean }): Matrix {
  assertConsistent('B', b);
  assertConsistent('A', a);
  if (b.cols !== a.rows) {
    throw new ShapeMismatchError(`LoRA rank mismatch: B is ${shape(b)} and A is ${shape(a)}; B's columns and A's rows are both the rank`);
  }
  const transposed = options.transposed ?? false;
  if (transposed) assertShape('weight (stored in × out, fan_in_fan_out)', weight, a.cols, b.rows);
  else assertShape('weight', weight, b.rows, a.cols);
  const operands = { rows: b.rows, cols: a.cols, rank: a.rows, target: weight.data, left: b.data, right: a.data, scale: options.scale };
  if (transposed) getKernelSet().addScaledProductTransposed(operands);
  else getKernelSet().addScaledProduct(operands);
  return weight;
}

function shape(matrix: Matrix): string {
  return `${String(matrix.rows)} × ${String(matrix.cols)}`;
}
