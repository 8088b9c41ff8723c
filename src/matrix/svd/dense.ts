/**
 * Small dense kernels of the randomized SVD, on row-major tall matrices (rows x stride, stride <= a few hundred).
 * Serial and in a fixed order: the same bits on every run.
 */

/**
 * Orthonormalizes columns [from, to) of `a` (rows x stride, row-major) against every column before them, in place,
 * by classical Gram-Schmidt applied twice per column ("twice is enough", Giraud et al. 2005), row-wise so the loops
 * run over contiguous memory. A column (numerically) in the span of the earlier ones becomes zero rather than
 * amplified rounding noise; zero columns stay orthogonal to everything.
 *
 * Each sum runs over the rows in ascending order (a projection's terms over the earlier columns in ascending
 * order), as the plain loops do: the bits do not depend on how the loops below are arranged. They are arranged to
 * sweep the matrix twice per column instead of four times (it is megabytes, the sweeps are what cost): a row's
 * first-pass correction is followed at once by its terms of the second pass's dots, and its second-pass correction
 * by its term of the column's norm; the scaling of column j rides on the sweep that starts column j + 1.
 */
export function orthonormalizeColumns(a: Float64Array, rows: number, stride: number, from = 0, to = stride): void {
  if (from >= to) return;
  const first = new Float64Array(stride);
  const second = new Float64Array(stride);
  let before = sweepColumn(a, rows, stride, from, -1, 1, null, first);
  for (let j = from; j < to; j++) {
    sweepColumn(a, rows, stride, j, -1, 1, first, second);
    const after = sweepColumn(a, rows, stride, j, -1, 1, second, null);
    const scale = after > 1e-24 * before && after > 0 ? 1 / Math.sqrt(after) : 0;
    if (j + 1 < to) {
      before = sweepColumn(a, rows, stride, j + 1, j, scale, null, first);
    } else {
      for (let r = 0; r < rows; r++) a[r * stride + j] *= scale;
    }
  }
}

/**
 * One sweep of column j over the rows, each row in turn: its column `scaled` (when >= 0) times `scale`; column j
 * minus its projections `subtract` on the earlier columns (when given; i ascending); then add[i] += a[r][i] a[r][j]
 * for i < j (when given; zeroed first). Returns the column's squared norm after the sweep. Rows in fours, for four
 * independent chains and a quarter of the loads and stores of `add`; every sum still adds its terms in row order.
 */
function sweepColumn(
  a: Float64Array,
  rows: number,
  stride: number,
  j: number,
  scaled: number,
  scale: number,
  subtract: Float64Array | null,
  add: Float64Array | null,
): number {
  add?.fill(0, 0, j);
  let norm = 0;
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const b0 = r * stride;
    const b1 = b0 + stride;
    const b2 = b1 + stride;
    const b3 = b2 + stride;
    if (scaled >= 0) {
      a[b0 + scaled] *= scale;
      a[b1 + scaled] *= scale;
      a[b2 + scaled] *= scale;
      a[b3 + scaled] *= scale;
    }
    let v0 = a[b0 + j];
    let v1 = a[b1 + j];
    let v2 = a[b2 + j];
    let v3 = a[b3 + j];
    if (subtract !== null) {
      for (let i = 0; i < j; i++) {
        const d = subtract[i];
        v0 -= d * a[b0 + i];
        v1 -= d * a[b1 + i];
        v2 -= d * a[b2 + i];
        v3 -= d * a[b3 + i];
      }
      a[b0 + j] = v0;
      a[b1 + j] = v1;
      a[b2 + j] = v2;
      a[b3 + j] = v3;
    }
    norm = norm + v0 * v0 + v1 * v1 + v2 * v2 + v3 * v3;
    if (add !== null) {
      for (let i = 0; i < j; i++) add[i] = add[i] + a[b0 + i] * v0 + a[b1 + i] * v1 + a[b2 + i] * v2 + a[b3 + i] * v3;
    }
  }
  for (; r < rows; r++) {
    const base = r * stride;
    if (scaled >= 0) a[base + scaled] *= scale;
    let v = a[base + j];
    if (subtract !== null) {
      for (let i = 0; i < j; i++) v -= subtract[i] * a[base + i];
      a[base + j] = v;
    }
    norm += v * v;
    if (add !== null) for (let i = 0; i < j; i++) add[i] += a[base + i] * v;
  }
  return norm;
}

/**
 * gram[a][c] += sum_r k[r][a] w[r][c] for a in [a0, a1), c in [c0, c1) (k and w rows x stride, gram stride x
 * stride): a block of K^T W. Each entry sums its rows in ascending order, skipping the rows where k[r][a] is 0,
 * whichever blocks the caller cuts the product into; rows in fours halve the loads and stores of gram.
 */
export function addCrossProducts(
  k: Float64Array,
  w: Float64Array,
  rows: number,
  stride: number,
  gram: Float64Array,
  a0: number,
  a1: number,
  c0: number,
  c1: number,
): void {
  let r = 0;
  for (; r + 3 < rows; r += 4) {
    const b0 = r * stride;
    const b1 = b0 + stride;
    const b2 = b1 + stride;
    const b3 = b2 + stride;
    for (let a = a0; a < a1; a++) {
      const k0 = k[b0 + a];
      const k1 = k[b1 + a];
      const k2 = k[b2 + a];
      const k3 = k[b3 + a];
      const g = a * stride;
      if (k0 !== 0 && k1 !== 0 && k2 !== 0 && k3 !== 0) {
        for (let c = c0; c < c1; c++) {
          gram[g + c] = gram[g + c] + k0 * w[b0 + c] + k1 * w[b1 + c] + k2 * w[b2 + c] + k3 * w[b3 + c];
        }
      } else {
        crossRow(k0, w, b0, gram, g, c0, c1);
        crossRow(k1, w, b1, gram, g, c0, c1);
        crossRow(k2, w, b2, gram, g, c0, c1);
        crossRow(k3, w, b3, gram, g, c0, c1);
      }
    }
  }
  for (; r < rows; r++) {
    const base = r * stride;
    for (let a = a0; a < a1; a++) crossRow(k[base + a], w, base, gram, a * stride, c0, c1);
  }
}

function crossRow(ka: number, w: Float64Array, base: number, gram: Float64Array, g: number, c0: number, c1: number) {
  if (ka === 0) return;
  for (let c = c0; c < c1; c++) gram[g + c] += ka * w[base + c];
}

/**
 * Eigen-decomposition of a symmetric n x n matrix (row-major, destroyed) by cyclic Jacobi rotations until every
 * off-diagonal entry is below 1e-15 of its diagonal pair. Returns the eigenvalues (unsorted, the diagonal) and the
 * eigenvectors as the columns of a row-major n x n matrix. Small n only (n^3 per sweep).
 */
export function symmetricEigen(
  m: Float64Array,
  n: number,
  maxSweeps = 60,
): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        if (Math.abs(apq) <= 1e-15 * Math.sqrt(Math.abs(app * aqq))) continue;
        rotated = true;
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
    if (!rotated) break;
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i];
  return { values, vectors: v };
}
