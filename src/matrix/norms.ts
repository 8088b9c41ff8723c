import type { CsrMatrix } from './csr.js';

/** Squared Euclidean norm of every row (of rows [r0, r1) into `out`). */
export function rowSquaredNorms(
  m: CsrMatrix,
  r0 = 0,
  r1 = m.nRows,
  out: Float64Array = new Float64Array(m.nRows),
): Float64Array {
  const { rowPtr, values } = m;
  for (let i = r0; i < r1; i++) {
    const end = rowPtr[i + 1];
    if (values === null) {
      out[i] = end - rowPtr[i];
      continue;
    }
    let s = 0;
    for (let p = rowPtr[i]; p < end; p++) {
      const v = values[p];
      s += v * v;
    }
    out[i] = s;
  }
  return out;
}

/** Squared norm of each of k dense vectors stored transposed (`centersT[col * k + c]`, the k-means layout). */
export function centerSquaredNorms(centersT: Float64Array, k: number, out = new Float64Array(k)): Float64Array {
  out.fill(0);
  const len = centersT.length;
  for (let p = 0; p < len; p += k) {
    for (let c = 0; c < k; c++) {
      const v = centersT[p + c];
      out[c] += v * v;
    }
  }
  return out;
}
