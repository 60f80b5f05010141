/**
 * Thin singular value decomposition of a small dense matrix in float64 by one-sided Jacobi rotations (Hestenes,
 * 1958; see Demmel and Veselić, 1992, for its accuracy: small singular values are found to high relative accuracy,
 * unlike methods that square the matrix).
 *
 * @module
 */

/** M = U·diag(S)·Vᵀ with p = min(rows, cols), singular values in descending order. */
export interface ThinSvd {
  readonly rows: number;
  readonly cols: number;
  /** p singular values, descending, non-negative. */
  readonly singularValues: Float64Array;
  /** U, `rows × p`, row-major, orthonormal columns (a column for a zero singular value is zero). */
  readonly left: Float64Array;
  /** Vᵀ, `p × cols`, row-major, orthonormal rows. */
  readonly rightTransposed: Float64Array;
}

const maximumSweeps = 60;

/**
 * The thin SVD of a row-major `rows × cols` float64 matrix (not modified).
 *
 * Cost: O(sweeps · p² · max(rows, cols)) with typically 6 to 10 sweeps, so meant for p up to a few hundred.
 */
export function jacobiSvd(matrix: Float64Array, rows: number, cols: number): ThinSvd {
  // Orthogonalise the columns of the taller orientation: X = M if rows ≥ cols, else X = Mᵀ.
  const tall = rows >= cols;
  const length = tall ? rows : cols; // length of each column of X
  const count = tall ? cols : rows; // number of columns of X, = p
  const columns: Float64Array[] = [];
  for (let column = 0; column < count; column++) {
    const vector = new Float64Array(length);
    if (tall) for (let index = 0; index < length; index++) vector[index] = matrix[index * cols + column]!;
    else vector.set(matrix.subarray(column * cols, column * cols + cols));
    columns.push(vector);
  }
  const rotations: Float64Array[] = [];
  for (let column = 0; column < count; column++) {
    const vector = new Float64Array(count);
    vector[column] = 1;
    rotations.push(vector);
  }
  const tolerance = 2 ** -52 * Math.sqrt(length);
  for (let sweep = 0; sweep < maximumSweeps; sweep++) {
    let rotated = false;
    for (let first = 0; first < count - 1; first++) {
      const x = columns[first]!;
      const vx = rotations[first]!;
      for (let second = first + 1; second < count; second++) {
        const y = columns[second]!;
        let normX = 0;
        let normY = 0;
        let cross = 0;
        for (let index = 0; index < length; index++) {
          const xi = x[index]!;
          const yi = y[index]!;
          normX += xi * xi;
          normY += yi * yi;
          cross += xi * yi;
        }
        if (cross === 0 || Math.abs(cross) <= tolerance * Math.sqrt(normX * normY)) continue;
        rotated = true;
        const zeta = (normY - normX) / (2 * cross);
        const tangent = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cosine = 1 / Math.sqrt(1 + tangent * tangent);
        const sine = cosine * tangent;
        for (let index = 0; index < length; index++) {
          const xi = x[index]!;
          const yi = y[index]!;
          x[index] = cosine * xi - sine * yi;
          y[index] = sine * xi + cosine * yi;
        }
        const vy = rotations[second]!;
        for (let index = 0; index < count; index++) {
          const xi = vx[index]!;
          const yi = vy[index]!;
          vx[index] = cosine * xi - sine * yi;
          vy[index] = sine * xi + cosine * yi;
        }
      }
    }
    if (!rotated) break;
  }
  // X·V = G with orthogonal columns: σₖ = ‖gₖ‖, uₖ = gₖ/σₖ, so X = U_x·Σ·Vᵀ.
  const norms = columns.map((column) => {
    let sum = 0;
    for (const value of column) sum += value * value;
    return Math.sqrt(sum);
  });
  const order = Array.from({ length: count }, (_, index) => index).sort((left, right) => norms[right]! - norms[left]!);
  const singularValues = new Float64Array(count);
  const left = new Float64Array(rows * count);
  const rightTransposed = new Float64Array(count * cols);
  order.forEach((source, rank) => {
    const sigma = norms[source]!;
    singularValues[rank] = sigma;
    const column = columns[source]!;
    const rotation = rotations[source]!;
    const inverse = sigma > 0 ? 1 / sigma : 0;
    if (tall) {
      // M = U_x Σ Vᵀ: U = normalised G columns (rows long), Vᵀ rows = columns of V (cols long).
      for (let index = 0; index < rows; index++) left[index * count + rank] = column[index]! * inverse;
      rightTransposed.set(rotation, rank * cols);
    } else {
      // Mᵀ = U_x Σ Vᵀ, so M = V Σ U_xᵀ: U = columns of V (rows long), Vᵀ rows = normalised G columns.
      for (let index = 0; index < rows; index++) left[index * count + rank] = rotation[index]!;
      for (let index = 0; index < cols; index++) rightTransposed[rank * cols + index] = column[index]! * inverse;
    }
  });
  return { rows, cols, singularValues, left, rightTransposed };
}
