import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitKMeans } from '../../src/kmeans/fit.js';
import { meanColumnVariance } from '../../src/kmeans/variance.js';
import { transformMatrix } from '../../src/matrix/transform.js';
import { fromDenseRows, plantedMatrix } from '../helpers.js';

// Four customers, three movies; worked through by hand in the comments of each case.
const toy = fromDenseRows([
  [5, 0, 0],
  [4, 0, 0],
  [0, 1, 2],
  [0, 2, 1],
]);

const approx = (actual: number, expected: number, eps = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= eps, `${actual} != ${expected}`);

function centersOf(r: { centers: Float64Array }, nCols: number): number[][] {
  const out: number[][] = [];
  for (let c = 0; c * nCols < r.centers.length; c++)
    out.push(Array.from(r.centers.subarray(c * nCols, (c + 1) * nCols)));
  return out;
}

test('ratings: from rows 0 and 2, two iterations, strict convergence', async () => {
  // iter 1: labels 0 0 1 1, centres [4.5,0,0] [0,1.5,1.5]; iter 2: same labels -> stop
  const r = await fitKMeans(toy, { k: 2, initialCenters: Float64Array.from([5, 0, 0, 0, 1, 2]) });
  assert.deepEqual(Array.from(r.labels), [0, 0, 1, 1]);
  assert.deepEqual(centersOf(r, 3), [
    [4.5, 0, 0],
    [0, 1.5, 1.5],
  ]);
  approx(r.inertia, 0.25 + 0.25 + 0.5 + 0.5);
  assert.equal(r.nIter, 2);
  assert.equal(r.converged, true);
  assert.deepEqual(r.sizes, [2, 2]);
  assert.equal(r.emptyClustersReseeded, 0);
});

test('binary: centres do not move after one iteration, so the tolerance stops it there', async () => {
  const m = transformMatrix(toy, 'binary');
  assert.equal(m.values, null);
  const r = await fitKMeans(m, { k: 2, tol: 0, initialCenters: Float64Array.from([1, 0, 0, 0, 1, 1]) });
  assert.deepEqual(Array.from(r.labels), [0, 0, 1, 1]);
  assert.deepEqual(centersOf(r, 3), [
    [1, 0, 0],
    [0, 1, 1],
  ]);
  assert.equal(r.inertia, 0);
  assert.equal(r.nIter, 1);
  assert.equal(r.converged, true);
});

test('centered: the 2-1 customer joins the one-rating customers', async () => {
  // rows become [0,0,0] [0,0,0] [0,-.5,.5] [0,.5,-.5]; from rows 0 and 2:
  // iter 1: labels 0 0 1 0, c0 = [0, 1/6, -1/6]; iter 2: same labels
  const m = transformMatrix(toy, 'centered');
  assert.deepEqual(Array.from(m.values!), [0, 0, -0.5, 0.5, 0.5, -0.5]);
  const r = await fitKMeans(m, { k: 2, initialCenters: Float64Array.from([0, 0, 0, 0, -0.5, 0.5]) });
  assert.deepEqual(Array.from(r.labels), [0, 0, 1, 0]);
  const c = centersOf(r, 3);
  approx(c[0][1], 1 / 6);
  approx(c[0][2], -1 / 6);
  assert.deepEqual(c[1], [0, -0.5, 0.5]);
  // 2 (1/6)^2 + 2 (1/6)^2 + 2 (1/3)^2 = 1/3
  approx(r.inertia, 1 / 3);
  assert.equal(r.nIter, 2);
});

test('an empty cluster takes the farthest point (lower row on ties) and the run says so', async () => {
  // both centres at row 0: all rows join cluster 0; rows 2 and 3 are farthest (30), row 2 moves to cluster 1.
  // iter 2: c0 = [3, 2/3, 1/3] loses row 3 to c1 = [0,1,2]; iter 3: labels repeat.
  const r = await fitKMeans(toy, { k: 2, initialCenters: Float64Array.from([5, 0, 0, 5, 0, 0]) });
  assert.equal(r.emptyClustersReseeded, 1);
  assert.deepEqual(Array.from(r.labels), [0, 0, 1, 1]);
  assert.equal(r.nIter, 3);
  approx(r.inertia, 1.5);
});

test('max-iter stops a run that has not converged and says so', async () => {
  const r = await fitKMeans(toy, { k: 2, maxIter: 1, tol: 0, initialCenters: Float64Array.from([5, 0, 0, 5, 0, 0]) });
  assert.equal(r.nIter, 1);
  assert.equal(r.converged, false);
});

test('mean column variance, by hand', () => {
  // col 0: [5,4,0,0] var 5.1875; cols 1, 2: [0,0,1,2] var 0.6875
  approx(meanColumnVariance(toy), (5.1875 + 0.6875 * 2) / 3);
});

test('k-means++ finds planted groups; the same seed gives the same result', async () => {
  const m = plantedMatrix(300, 60, 0.3, 3, 7);
  const a = await fitKMeans(m, { k: 3, seed: 11 });
  const b = await fitKMeans(m, { k: 3, seed: 11 });
  assert.deepEqual(a.labels, b.labels);
  assert.equal(a.inertia, b.inertia);
  assert.equal(a.nIter, b.nIter);
  // each planted group (row i belongs to group i % 3) lands in one cluster
  for (let g = 0; g < 3; g++) {
    const seen = new Set<number>();
    for (let i = g; i < 300; i += 3) seen.add(a.labels[i]);
    assert.equal(seen.size, 1, `group ${g} split over clusters ${[...seen]}`);
  }
  assert.equal(new Set(a.labels).size, 3);
});

test('n-init keeps the lowest inertia of its runs', async () => {
  const m = plantedMatrix(200, 40, 0.3, 4, 3);
  const singles = [];
  const best = await fitKMeans(m, { k: 6, seed: 5, nInit: 4, init: 'random' });
  for (let s = 0; s < 3; s++) singles.push((await fitKMeans(m, { k: 6, seed: s, init: 'random' })).inertia);
  assert.ok(best.inertia <= Math.max(...singles));
  const again = await fitKMeans(m, { k: 6, seed: 5, nInit: 4, init: 'random' });
  assert.equal(again.inertia, best.inertia);
});
