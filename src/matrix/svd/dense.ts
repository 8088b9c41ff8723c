/**
 * Small dense kernels of the randomized SVD, on row-major tall matrices (rows x stride, stride <= a few hundred).
 * Serial and in a fixed order: the same bits on every run.
 */

/**
 * Orthonormalizes columns [from, to) of `a` (rows x stride, row-major) against every column before them, in place,
 * by classical Gram-Schmidt applied twice per column ("twice is enough", Giraud et al. 2005), row-wise so the loops
 * run over contiguous memory. A column (numerically) in the span of the earlier ones becomes zero rather than
 * amplified rounding noise; zero columns stay orthogonal to everything.
 */
export function orthonormalizeColumns(a: Float64Array, rows: number, stride: number, from = 0, to = stride): void {
  const dots = new Float64Array(stride);
  for (let j = from; j < to; j++) {
    let before = 0;
    for (let r = 0; r < rows; r++) before += a[r * stride + j] * a[r * stride + j];
    for (let pass = 0; pass < 2; pass++) {
      dots.fill(0, 0, j);
      // dots[i] += a[r][i] a[r][j] for r ascending; two rows per sweep of dots halves its loads and stores, and
      // each dots[i] still adds its terms in row order (the same bits as one row at a time)
      let r = 0;
      for (; r + 1 < rows; r += 2) {
        const b0 = r * stride;
        const b1 = b0 + stride;
        const v0 = a[b0 + j];
        const v1 = a[b1 + j];
        for (let i = 0; i < j; i++) dots[i] = dots[i] + a[b0 + i] * v0 + a[b1 + i] * v1;
      }
      for (; r < rows; r++) {
        const base = r * stride;
        const v = a[base + j];
        for (let i = 0; i < j; i++) dots[i] += a[base + i] * v;
      }
      // each row's column j minus its projections, i ascending; two rows at once are two independent chains
      r = 0;
      for (; r + 1 < rows; r += 2) {
        const b0 = r * stride;
        const b1 = b0 + stride;
        let v0 = a[b0 + j];
        let v1 = a[b1 + j];
        for (let i = 0; i < j; i++) {
          const d = dots[i];
          v0 -= d * a[b0 + i];
          v1 -= d * a[b1 + i];
        }
        a[b0 + j] = v0;
        a[b1 + j] = v1;
      }
      for (; r < rows; r++) {
        const base = r * stride;
        let v = a[base + j];
        for (let i = 0; i < j; i++) v -= dots[i] * a[base + i];
        a[base + j] = v;
      }
    }
    let after = 0;
    for (let r = 0; r < rows; r++) after += a[r * stride + j] * a[r * stride + j];
    const scale = after > 1e-24 * before && after > 0 ? 1 / Math.sqrt(after) : 0;
    for (let r = 0; r < rows; r++) a[r * stride + j] *= scale;
  }
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
