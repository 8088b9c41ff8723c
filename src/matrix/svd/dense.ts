/**
 * Small dense kernels of the randomized SVD, on row-major tall matrices (rows x l, l <= a few dozen). Serial and
 * in a fixed order: the same bits on every run.
 */

/**
 * Orthonormal columns in place, by classical Gram-Schmidt applied twice per column ("twice is enough", Giraud et
 * al. 2005), row-wise so that the loops run over contiguous memory. A column that is (numerically) in the span
 * of the earlier ones becomes zero rather than amplified rounding noise.
 */
export function orthonormalizeColumns(a: Float64Array, rows: number, l: number): void {
  const dots = new Float64Array(l);
  for (let j = 0; j < l; j++) {
    let before = 0;
    for (let r = 0; r < rows; r++) before += a[r * l + j] * a[r * l + j];
    for (let pass = 0; pass < 2; pass++) {
      dots.fill(0, 0, j);
      for (let r = 0; r < rows; r++) {
        const base = r * l;
        const v = a[base + j];
        for (let i = 0; i < j; i++) dots[i] += a[base + i] * v;
      }
      for (let r = 0; r < rows; r++) {
        const base = r * l;
        let v = a[base + j];
        for (let i = 0; i < j; i++) v -= dots[i] * a[base + i];
        a[base + j] = v;
      }
    }
    let after = 0;
    for (let r = 0; r < rows; r++) after += a[r * l + j] * a[r * l + j];
    const keep = after > 1e-24 * before && after > 0;
    const scale = keep ? 1 / Math.sqrt(after) : 0;
    for (let r = 0; r < rows; r++) a[r * l + j] *= scale;
  }
}

/**
 * One-sided Jacobi (Hestenes 1958) on the columns of w (rows x l, row-major), in place: plane rotations until
 * every pair of columns is orthogonal to ~1e-15 relative. Then w = U S with orthogonal U and the column norms S
 * the singular values of the original w, to high relative accuracy (Demmel and Veselic 1992). Returns the norms.
 */
export function orthogonalizeByJacobi(w: Float64Array, rows: number, l: number, maxSweeps = 60): Float64Array {
  const tol = 1e-15;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let i = 0; i < l - 1; i++) {
      for (let j = i + 1; j < l; j++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let r = 0; r < rows; r++) {
          const a = w[r * l + i];
          const b = w[r * l + j];
          alpha += a * a;
          beta += b * b;
          gamma += a * b;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let r = 0; r < rows; r++) {
          const a = w[r * l + i];
          const b = w[r * l + j];
          w[r * l + i] = c * a - s * b;
          w[r * l + j] = s * a + c * b;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = new Float64Array(l);
  for (let r = 0; r < rows; r++) for (let j = 0; j < l; j++) norms[j] += w[r * l + j] * w[r * l + j];
  for (let j = 0; j < l; j++) norms[j] = Math.sqrt(norms[j]);
  return norms;
}
