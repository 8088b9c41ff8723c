import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowOffsets, type CsrMatrix } from '../../../src/matrix/csr.js';
import {
  bindRows,
  multiplyGramChunk,
  releaseRows,
  multiplyRows,
  multiplyTransposedChunk,
} from '../../../src/matrix/svd/product-kernels.js';
import { gramSlices } from '../../../src/matrix/svd/product-wasm.js';
import { csrMemoryOf, kernelMatrix } from '../../../src/matrix/shared.js';
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

test('gram products over many movie columns run in column slices that keep their two tables within 1.5 MB', () => {
  assert.equal(gramSlices(25, 5332), 2, 'the df_p shape: 13 + 12 columns');
  assert.equal(gramSlices(16, 5332), 1);
  assert.equal(gramSlices(25, 240), 1);
  assert.equal(gramSlices(25, 12000), 4, 'at least 8 columns a slice');
  assert.equal(gramSlices(1, 100000), 1);
});

test("gram products cut into column slices give the plain loops' bits (12,000 movie columns), bound and per call", () => {
  const m = smallRatings(60, 11, 12000).matrix;
  assert.ok(gramSlices(25, m.nCols) > 1, 'the case slices');
  const ptr = rowOffsets(m);
  for (const l of [25, 9]) {
    const x = new Float64Array(m.nCols * l).map((_, i) => Math.cos(i + 2) * 2);
    const expected = plainTransposed(m, plainRows(m, x, l), l);
    const perCall = new Float64Array(m.nCols * l + 2).fill(5);
    multiplyGramChunk(m, x, l, perCall, 2, 0, m.nRows, ptr);
    assert.ok(sameBits(perCall.subarray(2), expected), `l=${l}, windows copied per call`);
    assert.deepEqual([...perCall.subarray(0, 2)], [5, 5], 'nothing before the offset is touched');
    bindRows(m, ptr, 0, m.nRows);
    try {
      const bound = new Float64Array(m.nCols * l);
      multiplyGramChunk(m, x, l, bound, 0, 0, m.nRows, ptr);
      assert.ok(sameBits(bound, expected), `l=${l}, bound rows`);
    } finally {
      releaseRows();
    }
  }
});

test('rows bound into the kernel memory give the same bits as windows copied per call; other matrices still work', () => {
  const m = matrix;
  const other = smallRatings(700, 8, 37).matrix;
  const l = 25;
  const x = new Float64Array(m.nCols * l).map((_, i) => Math.cos(i) * 2);
  const ptr = rowOffsets(m);
  const expectedY = plainRows(m, x, l);
  const half = Math.floor(m.nRows / 2);
  bindRows(m, ptr, half, m.nRows);
  try {
    const y = new Float64Array(m.nRows * l);
    multiplyRows(m, x, l, y, 0, half, ptr); // outside the bound rows: copied per call
    multiplyRows(m, x, l, y, half, m.nRows, ptr); // the bound rows
    assert.ok(sameBits(y, expectedY), 'A X');
    const z = new Float64Array(m.nCols * l);
    multiplyGramChunk(m, x, l, z, 0, half + 3, m.nRows, ptr);
    const zt = new Float64Array(m.nCols * l);
    multiplyTransposedChunk(m, expectedY, l, zt, 0, half + 3, m.nRows, ptr);
    const tail = {
      ...m,
      nRows: m.nRows - half - 3,
      rowPtr: m.rowPtr.subarray(half + 3).map((p) => p - m.rowPtr[half + 3]),
    };
    const tailPlain = plainTransposed(
      { ...tail, colIdx: m.colIdx.subarray(m.rowPtr[half + 3]), values: m.values!.subarray(m.rowPtr[half + 3]) },
      expectedY.subarray((half + 3) * l),
      l,
    );
    assert.ok(sameBits(z, tailPlain), 'A^T A X over a sub-range of the bound rows');
    assert.ok(sameBits(zt, tailPlain), 'A^T Y over a sub-range of the bound rows');
    const xo = new Float64Array(other.nCols * l).map((_, i) => Math.sin(i));
    const yo = new Float64Array(other.nRows * l);
    multiplyRows(other, xo, l, yo, 0, other.nRows, rowOffsets(other));
    assert.ok(sameBits(yo, plainRows(other, xo, l)), 'another matrix, not bound');
  } finally {
    releaseRows();
  }
});

test('rows read in place from a WebAssembly memory give the same bits, and windows of other matrices still work', () => {
  for (const m of [kernelMatrix(matrix), binary(kernelMatrix(matrix))]) {
    const memory = csrMemoryOf(m);
    assert.ok(memory !== null);
    const l = 25;
    const x = new Float64Array(m.nCols * l).map((_, i) => Math.cos(i) * 2);
    const ptr = rowOffsets(m);
    const expectedY = plainRows(m, x, l);
    const half = Math.floor(m.nRows / 2);
    bindRows(m, ptr, half, m.nRows, memory);
    try {
      const y = new Float64Array(m.nRows * l);
      multiplyRows(m, x, l, y, 0, half, ptr); // outside the bound rows: a window in this thread's region
      multiplyRows(m, x, l, y, half, m.nRows, ptr); // in place
      assert.ok(sameBits(y, expectedY), 'A X');
      const z = new Float64Array(m.nCols * l);
      multiplyGramChunk(m, x, l, z, 0, half, m.nRows, ptr);
      const zt = new Float64Array(m.nCols * l);
      multiplyTransposedChunk(m, expectedY, l, zt, 0, half, m.nRows, ptr);
      assert.ok(sameBits(z, zt), 'A^T A X in one pass = A^T (A X)');
      const other = smallRatings(300, 9, 37).matrix;
      const xo = new Float64Array(other.nCols * 70).map((_, i) => Math.sin(i));
      const yo = new Float64Array(other.nRows * 70);
      multiplyRows(other, xo, 70, yo, 0, other.nRows, rowOffsets(other));
      assert.ok(sameBits(yo, plainRows(other, xo, 70)), 'another matrix, a wider window, not bound');
    } finally {
      releaseRows();
    }
  }
});
