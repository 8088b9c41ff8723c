import type { CsrMatrix } from '../matrix/csr.js';
import { sharedArray } from '../matrix/shared.js';

/**
 * The same ratings by movie (compressed sparse columns): what the per-movie solves of ALS and the residual sums read.
 * Rows ascending within a column. In shared memory, so the ALS worker threads read it without a copy.
 */
export interface CscMatrix {
  readonly nRows: number;
  readonly nCols: number;
  readonly colPtr: Float64Array;
  readonly rowIdx: Int32Array;
  readonly values: Float32Array;
}

/** Two passes over the CSR (count, fill); binary matrices get 1s. */
export function transposeToCsc(m: CsrMatrix): CscMatrix {
  const { nRows, nCols, rowPtr, colIdx, values } = m;
  const total = rowPtr[nRows];
  const colPtr = sharedArray(Float64Array, nCols + 1);
  for (let p = 0; p < total; p++) colPtr[colIdx[p] + 1] += 1;
  for (let j = 0; j < nCols; j++) colPtr[j + 1] += colPtr[j];
  const next = Float64Array.from(colPtr.subarray(0, nCols));
  const rowIdx = sharedArray(Int32Array, total);
  const out = sharedArray(Float32Array, total);
  for (let i = 0; i < nRows; i++) {
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) {
      const j = colIdx[p];
      const q = next[j]++;
      rowIdx[q] = i;
      out[q] = values === null ? 1 : values[p];
    }
  }
  return { nRows, nCols, colPtr, rowIdx, values: out };
}
