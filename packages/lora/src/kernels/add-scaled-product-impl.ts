/**
 * The LoRA merge kernel, W += s·B·A, without materialising ΔW = B·A.
 *
 * Pure functions over raw row-major `Float32Array`s. Each row of ΔW is built in a float64 scratch row of one column
 * block and added to W once, so W is rounded to float32 once per merge, as in PyTorch's `W += delta` (PyTorch also
 * rounds ΔW itself to float32 first; the difference is below float32 resolution of W).
 *
 * @module
 */

/** Operands of W[rows×cols] += scale·B[rows×rank]·A[rank×cols] (PEFT's `nn.Linear` orientation, W is `out × in`). */
export interface ScaledProductOperands {
  /** Rows of ΔW: `out_features`. */
  readonly rows: number;
  /** Columns of ΔW: `in_features`. */
  readonly cols: number;
  readonly rank: number;
  /**
   * The weight to update. `rows × cols` for {@link addScaledProductImpl}; stored transposed, `cols × rows`, for
   * {@link addScaledProductTransposedImpl} (GPT-2's `Conv1D`, PEFT's `fan_in_fan_out=True`).
   */
  readonly target: Float32Array;
  /** B, `rows × rank`. */
  readonly left: Float32Array;
  /** A, `rank × cols`. */
  readonly right: Float32Array;
  readonly scale: number;
}

/** Keeps one block of A (rank × block floats) in L2 while every row of W passes over it. */
function columnBlockFor(rank: number, cols: number): number {
  return Math.max(64, Math.min(cols, 1024, Math.floor(65_536 / Math.max(1, rank))));
}

/**
 * target[i, j] += Σₜ coefficient(i, t) · basis[t, j] for a target of `targetRows × targetCols`, where
 * coefficient(i, t) = coefficients[i·rowStride + t·rankStride] and basis is `rank × targetCols`, contiguous.
 */
interface RankUpdate {
  readonly targetRows: number;
  readonly targetCols: number;
  readonly rank: number;
  readonly target: Float32Array;
  readonly coefficients: Float32Array;
  readonly rowStride: number;
  readonly rankStride: number;
  readonly basis: Float32Array;
  readonly scale: number;
}

function rankUpdate(update: RankUpdate): void {
  const { targetRows, targetCols, rank, target, coefficients, rowStride, rankStride, basis, scale } = update;
  const block = columnBlockFor(rank, targetCols);
  const row = new Float64Array(block);
  const rowCoefficients = new Float64Array(rank);
  for (let columnStart = 0; columnStart < targetCols; columnStart += block) {
    const columnEnd = Math.min(columnStart + block, targetCols);
    const width = columnEnd - columnStart;
    for (let i = 0; i < targetRows; i++) {
      for (let t = 0; t < rank; t++) rowCoefficients[t] = scale * coefficients[i * rowStride + t * rankStride]!;
      row.fill(0, 0, width);
      let t = 0;
      // Eight rows of the basis per pass: each pass reads and writes the scratch row once for eight products.
      for (; t + 7 < rank; t += 8) {
        const c0 = rowCoefficients[t]!;
        const c1 = rowCoefficients[t + 1]!;
        const c2 = rowCoefficients[t + 2]!;
        const c3 = rowCoefficients[t + 3]!;
        const c4 = rowCoefficients[t + 4]!;
        const c5 = rowCoefficients[t + 5]!;
        const c6 = rowCoefficients[t + 6]!;
        const c7 = rowCoefficients[t + 7]!;
        const b0 = t * targetCols + columnStart;
        const b1 = b0 + targetCols;
        const b2 = b1 + targetCols;
        const b3 = b2 + targetCols;
        const b4 = b3 + targetCols;
        const b5 = b4 + targetCols;
        const b6 = b5 + targetCols;
        const b7 = b6 + targetCols;
        for (let j = 0; j < width; j++) {
          row[j] =
            row[j]! +
            c0 * basis[b0 + j]! +
            c1 * basis[b1 + j]! +
            c2 * basis[b2 + j]! +
            c3 * basis[b3 + j]! +
            c4 * basis[b4 + j]! +
            c5 * basis[b5 + j]! +
            c6 * basis[b6 + j]! +
            c7 * basis[b7 + j]!;
        }
      }
      for (; t + 3 < rank; t += 4) {
        const c0 = rowCoefficients[t]!;
        const c1 = rowCoefficients[t + 1]!;
        const c2 = rowCoefficients[t + 2]!;
        const c3 = rowCoefficients[t + 3]!;
        const b0 = t * targetCols + columnStart;
        const b1 = b0 + targetCols;
        const b2 = b1 + targetCols;
        const b3 = b2 + targetCols;
        for (let j = 0; j < width; j++) {
          row[j] = row[j]! + c0 * basis[b0 + j]! + c1 * basis[b1 + j]! + c2 * basis[b2 + j]! + c3 * basis[b3 + j]!;
        }
      }
      for (; t < rank; t++) {
        const c0 = rowCoefficients[t]!;
        const b0 = t * targetCols + columnStart;
        for (let j = 0; j < width; j++) row[j] = row[j]! + c0 * basis[b0 + j]!;
      }
      const offset = i * targetCols + columnStart;
      for (let j = 0; j < width; j++) target[offset + j] = target[offset + j]! + row[j]!;
    }
  }
}

/** W[rows×cols] += scale·B·A (PEFT `merge` for `nn.Linear`). */
export function addScaledProductImpl({ rows, cols, rank, target, left, right, scale }: ScaledProductOperands): void {
  rankUpdate({ targetRows: rows, targetCols: cols, rank, target, coefficients: left, rowStride: rank, rankStride: 1, basis: right, scale });
}

/**
 * Wᵀ[cols×rows] += scale·(B·A)ᵀ: the merge for a weight stored `in × out` (GPT-2 `Conv1D`, `fan_in_fan_out=True`).
 *
 * Row j of the stored weight receives Σₜ A[t, j]·(s·B[:, t]). Bᵀ (`rank × rows`, small) is copied once so the inner
 * loop streams contiguously.
 */
export function addScaledProductTransposedImpl({ rows, cols, rank, target, left, right, scale }: ScaledProductOperands): void {
  const leftTransposed = new Float32Array(rank * rows);
  for (let i = 0; i < rows; i++) for (let t = 0; t < rank; t++) leftTransposed[t * rows + i] = left[i * rank + t]!;
  rankUpdate({ targetRows: cols, targetCols: rows, rank, target, coefficients: right, rowStride: 1, rankStride: cols, basis: leftTransposed, scale });
}
