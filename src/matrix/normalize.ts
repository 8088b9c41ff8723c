import type { CsrMatrix } from './csr.js';

/**
 * Each row scaled to unit Euclidean length, so that squared distances become 2 - 2 cos: k-means on these rows is
 * spherical k-means, grouping customers by the direction of their vector (cosine similarity), not its length. A
 * row of zeros has no direction: it stays zero and is counted. Norms are summed in double precision.
 */
export function normalizeRows(m: CsrMatrix): { matrix: CsrMatrix; zeroRows: number } {
  const { nRows, rowPtr, values } = m;
  const out = new Float32Array(rowPtr[nRows]);
  let zeroRows = 0;
  for (let i = 0; i < nRows; i++) {
    const start = rowPtr[i];
    const end = rowPtr[i + 1];
    let s = 0;
    for (let p = start; p < end; p++) {
      const v = values === null ? 1 : values[p];
      s += v * v;
    }
    if (s === 0) {
      zeroRows++;
      continue;
    }
    const scale = 1 / Math.sqrt(s);
    for (let p = start; p < end; p++) out[p] = (values === null ? 1 : values[p]) * scale;
  }
  return { matrix: { ...m, values: out }, zeroRows };
}

/** The same for dense rows (nRows x dims, row-major), in place; returns the count of zero rows. */
export function normalizeDenseRows(a: Float64Array, nRows: number, dims: number): number {
  let zeroRows = 0;
  for (let i = 0; i < nRows; i++) {
    const base = i * dims;
    let s = 0;
    for (let d = 0; d < dims; d++) s += a[base + d] * a[base + d];
    if (s === 0) {
      zeroRows++;
      continue;
    }
    const scale = 1 / Math.sqrt(s);
    for (let d = 0; d < dims; d++) a[base + d] *= scale;
  }
  return zeroRows;
}

/** Dense rows as a CSR that stores every entry (zeros included), so that the k-means engine runs on them unchanged. */
export function denseRowsToCsr(a: Float64Array, nRows: number, dims: number): CsrMatrix {
  const rowPtr = new Float64Array(nRows + 1);
  for (let i = 0; i <= nRows; i++) rowPtr[i] = i * dims;
  const colIdx = dims < 65536 ? new Uint16Array(nRows * dims) : new Int32Array(nRows * dims);
  for (let i = 0; i < nRows; i++) for (let d = 0; d < dims; d++) colIdx[i * dims + d] = d;
  return { nRows, nCols: dims, rowPtr, colIdx, values: Float32Array.from(a) };
}
