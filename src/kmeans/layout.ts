/** Row-major k x nCols centres to the kernels' transposed layout (`[col * k + c]`). */
export function toTransposed(rowMajor: Float64Array, k: number, nCols: number): Float64Array {
  const out = new Float64Array(k * nCols);
  for (let c = 0; c < k; c++) for (let j = 0; j < nCols; j++) out[j * k + c] = rowMajor[c * nCols + j];
  return out;
}

export function toRowMajor(transposed: Float64Array, k: number, nCols: number): Float64Array {
  const out = new Float64Array(k * nCols);
  for (let c = 0; c < k; c++) for (let j = 0; j < nCols; j++) out[c * nCols + j] = transposed[j * k + c];
  return out;
}
