import type { CsrMatrix } from '../../src/matrix/csr.js';
import { rowSquaredNorms } from '../../src/matrix/norms.js';

/**
 * Inertia, the k-means objective: sum over rows of |x_i - c_{label(i)}|^2 against the given centres (row-major
 * k x nCols), by |x|^2 - 2 x.c + |c|^2 on the sparse rows. This is what KMeansResult.inertia reports; against
 * the label means it equals Calinski-Harabasz's W.
 */
export function inertia(
  m: CsrMatrix,
  labels: Int32Array,
  centers: Float64Array,
  k: number,
  norms: Float64Array = rowSquaredNorms(m),
): number {
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  if (labels.length !== nRows || centers.length !== k * nCols)
    throw new Error('inertia: labels or centres do not match the matrix');
  const centerNorms = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = c * nCols; j < (c + 1) * nCols; j++) s += centers[j] * centers[j];
    centerNorms[c] = s;
  }
  let total = 0;
  for (let i = 0; i < nRows; i++) {
    const c = labels[i];
    const base = c * nCols;
    const end = rowPtr[i + 1];
    let dot = 0;
    for (let p = rowPtr[i]; p < end; p++) dot += (values === null ? 1 : values[p]) * centers[base + colIdx[p]];
    const d2 = norms[i] - 2 * dot + centerNorms[c];
    total += d2 > 0 ? d2 : 0;
  }
  return total;
}
