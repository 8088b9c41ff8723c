import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromDenseRows } from '../../src/matrix/csr.js';
import { csrMemoryOf, sharedCsrArrays, kernelMatrix } from '../../src/matrix/shared.js';
import { transformMatrix } from '../../src/matrix/transform.js';

describe('a CSR in a WebAssembly memory (read in place by the k-means kernels)', () => {
  const plain = fromDenseRows([
    [1, 0, 3.5],
    [0, 0, 0],
    [0.5, 2, 0],
  ]);

  test('sharedCsrArrays: the columns and values in one memory, 16-bit columns below 65,536 movies', () => {
    const { colIdx, values } = sharedCsrArrays(3, 4, true);
    assert.ok(colIdx instanceof Uint16Array);
    assert.equal(values!.length, 4);
    const m = { nRows: 1, nCols: 3, rowPtr: Float64Array.of(0, 4), colIdx, values };
    const memory = csrMemoryOf(m);
    assert.ok(memory !== null);
    assert.equal(colIdx.buffer.byteLength, memory.buffer.byteLength);
    assert.ok(values!.byteOffset >= colIdx.byteOffset + colIdx.byteLength, 'values after the columns');
    assert.ok(sharedCsrArrays(70000, 4, false).colIdx instanceof Int32Array);
    assert.equal(sharedCsrArrays(3, 4, false).values, null);
  });

  test('kernelMatrix copies a plain matrix there once; a matrix already there, and its binary form, stay as they are', () => {
    assert.equal(csrMemoryOf(plain), null);
    const shared = kernelMatrix(plain);
    assert.ok(csrMemoryOf(shared) !== null);
    assert.deepEqual(Array.from(shared.colIdx), Array.from(plain.colIdx));
    assert.deepEqual(Array.from(shared.values!), Array.from(plain.values!));
    assert.deepEqual(Array.from(shared.rowPtr), Array.from(plain.rowPtr));
    const again = kernelMatrix(shared);
    assert.equal(again.colIdx, shared.colIdx);
    assert.equal(again.values, shared.values);
    const binary = transformMatrix(shared, 'binary');
    assert.equal(csrMemoryOf(binary), csrMemoryOf(shared));
    assert.equal(kernelMatrix(binary).colIdx, shared.colIdx);
  });

  test('columns in one memory and values elsewhere (a centred copy): the values copied in next to them, once', () => {
    const shared = kernelMatrix(plain);
    const centred = transformMatrix(shared, 'centered');
    assert.equal(centred.colIdx, shared.colIdx);
    assert.equal(csrMemoryOf(centred), null);
    const again = kernelMatrix(centred);
    assert.equal(csrMemoryOf(again), csrMemoryOf(shared));
    assert.equal(again.colIdx, shared.colIdx, 'the columns are not copied');
    assert.deepEqual(Array.from(again.values!), Array.from(centred.values!));
    assert.equal(kernelMatrix(centred).values, again.values, 'a second share reuses the copy');
    // the original matrix's values are where they were
    assert.deepEqual(Array.from(shared.values!), Array.from(plain.values!));
  });
});
