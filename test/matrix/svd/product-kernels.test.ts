import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CsrMatrix } from '../../../src/matrix/csr.js';
import {
  multiplyGramChunk,
  multiplyRows,
  multiplyTransposedChunk,
  rowOffsets,
} from '../../../src/matrix/svd/product-kernels.js';
import { sameBits, smallRatings } from '../../support/parallel.js';

// The plain loops the kernels must reproduce bit for bit: each output element's terms added in ascending entry
// order from 0, each product rounded before its add.
function plainRows(m: CsrMatrix, x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(m.nRows * l);
  for (let i = 0; i < m.nRows; i++) {
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
      const v = m.values === null ? 1 : m.values[p];
      for (let c = 0; c < l; c++) y[i * l + c] += v * x[m.colIdx[p] * l + c];
    }
  }
  return y;
}

function plainTransposed(m: CsrMatrix, y: Float64Array, l: number): Float64Array {
  const z = new Float64Array(m.nCols * l);
  for (let i = 0; i < m.nRows; i++) {
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
      const v = m.values === null ? 1 : m.values[p];
      for (let c = 0; c < l; c++) z[m.colIdx[p] * l + c] += v * y[i * l + c];
    }
  }
  return z;
}

function binary(m: CsrMatrix): CsrMatrix {
  return { ...m, values: null };
}

function wideColumns(m: CsrMatrix): CsrMatrix {
  return { ...m, colIdx: Int32Array.from(m.colIdx) };
}

const matrix = smallRatings(5000, 3, 37).matrix;

for (const [what, m] of [
  ['ratings', matrix],
  ['binary', binary(matrix)],
  ['32-bit columns', wideColumns(matrix)],
] as const) {
  for (const l of [1, 2, 5, 25, 70]) {
    test(`product kernels (${what}, l=${l}) give the plain loops' bits, in one chunk and in row ranges`, () => {
      const x = new Float64Array(m.nCols * l).map((_, i) => Math.sin(i + 1) * 3);
      const ptr = rowOffsets(m);
      const y = new Float64Array(m.nRows * l);
      const half = Math.floor(m.nRows / 2);
      multiplyRows(m, x, l, y, 0, half, ptr);
      multiplyRows(m, x, l, y, half, m.nRows, ptr);
      const yPlain = plainRows(m, x, l);
      assert.ok(sameBits(y, yPlain), 'A X');
      const out = new Float64Array(m.nCols * l + 3).fill(7);
      multiplyTransposedChunk(m, y, l, out, 3, 0, m.nRows, ptr);
      assert.ok(sameBits(out.subarray(3), plainTransposed(m, yPlain, l)), 'A^T Y');
      assert.deepEqual([...out.subarray(0, 3)], [7, 7, 7], 'nothing before the offset is touched');
      const gram = new Float64Array(m.nCols * l);
      multiplyGramChunk(m, x, l, gram, 0, 0, m.nRows, m.rowPtr);
      assert.ok(sameBits(gram, plainTransposed(m, yPlain, l)), 'A^T A X');
    });
  }
}
