import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDenseRows } from '../../src/matrix/csr.js';
import { baselinePredict, fitBaseline, residualMatrix } from '../../src/matrix/baseline.js';
import { clampRating } from '../../src/matrix/rating-range.js';

// u0 rated m0=5, m1=3; u1 rated m0=4. mu = 4.
const toy = fromDenseRows([
  [5, 3],
  [4, 0],
]);
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} != ${b}`);

test('fitBaseline: one pass by hand (reg 1): movies first, then customers', () => {
  const b = fitBaseline(toy, { regItem: 1, regUser: 1, passes: 1 });
  close(b.mu, 4);
  close(b.itemBias[0], 1 / 3); // ((5-4) + (4-4)) / (1 + 2)
  close(b.itemBias[1], -1 / 2); // (3-4) / (1 + 1)
  close(b.userBias[0], 1 / 18); // ((5-4-1/3) + (3-4+1/2)) / (1 + 2)
  close(b.userBias[1], -1 / 6); // (4-4-1/3) / (1 + 1)
});

test('fitBaseline: the second pass uses the first pass customer biases', () => {
  const b = fitBaseline(toy, { regItem: 1, regUser: 1, passes: 2 });
  close(b.itemBias[0], 10 / 27);
  close(b.itemBias[1], -19 / 36);
  close(b.userBias[0], 17 / 324);
  close(b.userBias[1], -5 / 27);
  close(baselinePredict(b, 1, 1), 4 - 5 / 27 - 19 / 36);
});

test('fitBaseline: defaults are Surprise BaselineOnly ALS (reg_i 10, reg_u 15, 10 passes); empty rows and columns get 0', () => {
  const m = fromDenseRows([
    [5, 0, 0],
    [0, 0, 0],
  ]);
  const b = fitBaseline(m);
  assert.equal(b.userBias[1], 0);
  assert.equal(b.itemBias[1], 0);
  assert.equal(b.mu, 5);
  const explicit = fitBaseline(toy, { regItem: 10, regUser: 15, passes: 10 });
  assert.deepEqual(fitBaseline(toy), explicit);
});

test('residualMatrix: rating minus mu + b_u + b_i, same structure', () => {
  const b = fitBaseline(toy, { regItem: 1, regUser: 1, passes: 1 });
  const r = residualMatrix(toy, b);
  assert.equal(r.rowPtr, toy.rowPtr);
  assert.equal(r.colIdx, toy.colIdx);
  const expected = [5 - (4 + 1 / 18 + 1 / 3), 3 - (4 + 1 / 18 - 1 / 2), 4 - (4 - 1 / 6 + 1 / 3)];
  expected.forEach((e, p) => assert.ok(Math.abs(r.values![p] - e) < 1e-6));
});

test('clampRating', () => {
  assert.equal(clampRating(5.7, { min: 0.5, max: 5 }), 5);
  assert.equal(clampRating(0.1, { min: 0.5, max: 5 }), 0.5);
  assert.equal(clampRating(3, { min: 0.5, max: 5 }), 3);
});
