import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerBiases, fitBaseline, residualMatrix } from '../../src/matrix/baseline.js';
import { fromDenseRows, selectRows, toDenseRows } from '../../src/matrix/csr.js';
import {
  applyRepresentation,
  buildRepresentation,
  type FittedRepresentation,
} from '../../src/matrix/representation.js';
import { transformMatrix } from '../../src/matrix/transform.js';
import { sameBits, smallRatings } from '../support/parallel.js';

// the baseline test's toy: u0 rated m0=5, m1=3; u1 rated m0=4 (biases checked by hand in baseline.test.ts)
const toy = fromDenseRows([
  [5, 3],
  [4, 0],
]);

test('--matrix residual: each rating minus mu + b_u + b_i with the default biases; not rated stays 0', () => {
  const b = fitBaseline(toy);
  const r = toDenseRows(transformMatrix(toy, 'residual'));
  const want = [
    [5 - (b.mu + b.userBias[0] + b.itemBias[0]), 3 - (b.mu + b.userBias[0] + b.itemBias[1])],
    [4 - (b.mu + b.userBias[1] + b.itemBias[0]), 0],
  ];
  assert.deepEqual(
    r,
    want.map((row) => row.map((v) => Math.fround(v))),
  );
  // one pass with reg 1 by hand (see baseline.test.ts): u1's residual = 4 - (4 - 1/6 + 1/3) = -1/6
  const one = residualMatrix(toy, fitBaseline(toy, { regItem: 1, regUser: 1, passes: 1 }));
  assert.equal(one.values![2], Math.fround(-1 / 6));
});

test('customerBiases against fixed movie biases repeats the fit bit for bit (how predict measures customers)', () => {
  const m = smallRatings(500, 3, 60).matrix;
  const b = fitBaseline(m);
  assert.ok(sameBits(customerBiases(m, b.mu, b.itemBias, 15), b.userBias));
});

test('buildRepresentation: residual -> embed -> normalize; the fitted form survives JSON and places the rows again', async () => {
  const m = smallRatings(800, 5, 90).matrix;
  const rep = await buildRepresentation(m, { matrix: 'residual', embed: 6, normalize: true, seed: 2 });
  assert.equal(rep.points.nRows, 800);
  assert.equal(rep.points.nCols, 6);
  assert.equal(rep.transformed.nCols, 90);
  for (let i = 0; i < 800; i++) {
    let s = 0;
    for (let d = 0; d < 6; d++) s += rep.points.values![i * 6 + d] ** 2;
    assert.ok(Math.abs(s - 1) < 1e-6, `row ${i} has squared norm ${s}`);
  }
  const fitted = JSON.parse(JSON.stringify(rep.fitted)) as FittedRepresentation;
  assert.equal(fitted.embedding!.basis.length, 90 * 6);
  assert.equal(fitted.baseline!.itemBias.length, 90);
  const again = await applyRepresentation(fitted, m);
  assert.ok(sameBits(again.points.values!, rep.points.values!), 'training rows get the same points');
  // a subset of customers (new data) is placed independently of the others
  const some = await applyRepresentation(fitted, selectRows(m, [3, 10, 500]));
  assert.ok(sameBits(some.points.values!.subarray(0, 6), rep.points.values!.subarray(18, 24)));
});

test('buildRepresentation: all-zero customers are counted (no ratings; with --normalize they stay zero)', async () => {
  const m = fromDenseRows([
    [5, 3, 0],
    [0, 0, 0],
    [4, 0, 1],
    [0, 0, 0],
  ]);
  const sparse = await buildRepresentation(m, { matrix: 'ratings', normalize: true });
  assert.equal(sparse.zeroRows, 2);
  assert.deepEqual(toDenseRows(sparse.points)[1], [0, 0, 0]);
  const embedded = await buildRepresentation(m, { matrix: 'ratings', embed: 2, normalize: true });
  assert.equal(embedded.zeroRows, 2);
  assert.deepEqual(Array.from(embedded.points.values!.subarray(2, 4)), [0, 0]);
  assert.equal(embedded.fitted.embedding!.dims, 2);
});

test('buildRepresentation: the same bits on 1 and 2 threads', async () => {
  const m = smallRatings(6000, 9, 70).matrix;
  const one = await buildRepresentation(m, { matrix: 'residual', embed: 8, normalize: true, threads: 1 });
  const two = await buildRepresentation(m, { matrix: 'residual', embed: 8, normalize: true, threads: 2 });
  assert.ok(sameBits(one.points.values!, two.points.values!));
  assert.deepEqual(one.fitted, two.fitted);
});
