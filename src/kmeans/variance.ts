import type { CsrMatrix } from '../matrix/csr.js';

/**
 * Mean over columns of each column's variance, absent entries counting as 0: scikit-learn's scale for `tol`
 * (`np.mean(mean_variance_axis(X, 0)[1])`).
 */
export function meanColumnVariance(m: CsrMatrix): number {
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  const sum = new Float64Array(nCols);
  const sumSq = new Float64Array(nCols);
  const total = rowPtr[nRows];
  for (let p = 0; p < total; p++) {
    const v = values === null ? 1 : values[p];
    const j = colIdx[p];
    sum[j] += v;
    sumSq[j] += v * v;
  }
  let acc = 0;
  for (let j = 0; j < nCols; j++) {
    const mean = sum[j] / nRows;
    acc += sumSq[j] / nRows - mean * mean;
  }
  return nCols === 0 ? 0 : acc / nCols;
}
