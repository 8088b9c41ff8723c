import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDenseRows, toDenseRows } from '../../src/matrix/csr.js';
import { denseRowsToCsr, normalizeDenseRows, normalizeRows } from '../../src/matrix/normalize.js';

test('normalizeRows: unit length rows (3-4-5 by hand), zero rows kept as zeros and counted', () => {
  const m = fromDenseRows([
    [3, 0, 4],
    [0, 0, 0],
    [0, -2, 0],
  ]);
  const { matrix, zeroRows } = normalizeRows(m);
  assert.equal(zeroRows, 1);
  assert.deepEqual(toDenseRows(matrix), [
    [Math.fround(0.6), 0, Math.fround(0.8)],
    [0, 0, 0],
    [0, -1, 0],
  ]);
  // the structure is shared, only the values are new
  assert.equal(matrix.colIdx, m.colIdx);
});

test('normalizeRows: a binary row of n ones becomes 1/sqrt(n) each; a stored all-zero row counts as zero', () => {
  const binary = fromDenseRows([[1, 1, 0, 1]], true);
  const { matrix } = normalizeRows(binary);
  assert.deepEqual(
    Array.from(matrix.values!),
    [1, 1, 1].map(() => Math.fround(1 / Math.sqrt(3))),
  );
  // a residual row can store zeros (a rating exactly as the baseline expects)
  const stored = { ...fromDenseRows([[1, 1]]), values: new Float32Array([0, 0]) };
  assert.equal(normalizeRows(stored).zeroRows, 1);
});

test('normalizeDenseRows and denseRowsToCsr: unit norms in double precision, a full CSR with zeros stored', () => {
  const a = new Float64Array([3, 4, 0, 0, 1, 1]);
  assert.equal(normalizeDenseRows(a, 3, 2), 1);
  // x / |x| as x * (1 / |x|): within one rounding of the exact values
  [0.6, 0.8, 0, 0, Math.SQRT1_2, Math.SQRT1_2].forEach((want, i) =>
    assert.ok(Math.abs(a[i] - want) <= 2e-16, `${a[i]} vs ${want}`),
  );
  const m = denseRowsToCsr(a, 3, 2);
  assert.equal(m.nCols, 2);
  assert.deepEqual(Array.from(m.rowPtr), [0, 2, 4, 6]);
  assert.deepEqual(Array.from(m.colIdx), [0, 1, 0, 1, 0, 1]);
  assert.deepEqual(Array.from(m.values!), Array.from(Float32Array.from(a)));
});
