import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitKMeans } from '../../src/kmeans/fit.js';
import { toTransposed, toRowMajor } from '../../src/kmeans/layout.js';
import { batchScratch, miniBatchStep } from '../../src/kmeans/minibatch.js';
import { fromDenseRows, plantedMatrix } from '../helpers.js';

// Five customers, two movies: A (1,0), B (3,0), C (0,4), D (0,6), E (9,11). Worked through by hand below.
const toy = fromDenseRows([
  [1, 0],
  [3, 0],
  [0, 4],
  [0, 6],
  [9, 11],
]);
const toyNorms = Float64Array.from([1, 9, 16, 36, 202]);

test('miniBatchStep: two batches by hand (Sculley: each centre the running mean of the rows it was given)', () => {
  const k = 2;
  const centersT = toTransposed(Float64Array.from([1, 0, 0, 6]), k, 2);
  const weights = new Float64Array(k);
  const scratch = batchScratch(4, k, 2);
  // batch 1 = A B C D against (1,0) (0,6): A 0, B 4 -> centre 0; C 4, D 0 -> centre 1; inertia 8.
  // weights were 0, so each centre becomes the mean of its batch rows: (2,0) and (0,5); shift 1 + 1 = 2
  let step = miniBatchStep(toy, Int32Array.from([0, 1, 2, 3]), centersT, k, weights, toyNorms, scratch);
  assert.deepEqual(Array.from(scratch.labels), [0, 0, 1, 1]);
  assert.deepEqual(step, { inertia: 8, shift: 2 });
  assert.deepEqual(Array.from(toRowMajor(centersT, k, 2)), [2, 0, 0, 5]);
  assert.deepEqual(Array.from(weights), [2, 2]);
  // batch 2 = B B E (drawn with replacement): B -> (2,0) at 1, twice; E: (2,0) at 49 + 121 = 170, (0,5) at
  // 81 + 36 = 117 -> centre 1; inertia 119. Centre 0: (2 x (2,0) + B + B) / 4 = (2.5, 0); centre 1:
  // (2 x (0,5) + E) / 3 = (3, 7); shift 0.25 + (9 + 4) = 13.25
  step = miniBatchStep(toy, Int32Array.from([1, 1, 4]), centersT, k, weights, toyNorms, batchScratch(3, k, 2));
  assert.deepEqual(step, { inertia: 119, shift: 13.25 });
  assert.deepEqual(Array.from(toRowMajor(centersT, k, 2)), [2.5, 0, 3, 7]);
  assert.deepEqual(Array.from(weights), [4, 3]);
});

test('miniBatchStep: a centre no batch row goes to does not move', () => {
  const k = 2;
  const centersT = toTransposed(Float64Array.from([2, 0, 100, 100]), k, 2);
  const weights = Float64Array.from([5, 7]);
  const step = miniBatchStep(toy, Int32Array.from([0, 1]), centersT, k, weights, toyNorms, batchScratch(2, k, 2));
  // A and B go to (2,0) at 1 each; (2 x 5 + 1 + 3) / 7 = 2: no shift either
  assert.deepEqual(step, { inertia: 2, shift: 0 });
  assert.deepEqual(Array.from(toRowMajor(centersT, k, 2)), [2, 0, 100, 100]);
  assert.deepEqual(Array.from(weights), [7, 7]);
});

/** Brute force: each row's nearest centre (the lower index on ties) and the total squared distance. */
function exactAssignment(rows: number[][], centers: Float64Array, k: number): { labels: number[]; inertia: number } {
  const d = rows[0].length;
  const labels: number[] = [];
  let inertia = 0;
  for (const x of rows) {
    let best = 0;
    let bestDist = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[j] - centers[c * d + j]) ** 2;
      if (s < bestDist) [best, bestDist] = [c, s];
    }
    labels.push(best);
    inertia += bestDist;
  }
  return { labels, inertia };
}

test('minibatch fit: the labels and inertia are one exact assignment of every row to the final centres', async () => {
  const rows = [
    [1, 0],
    [3, 0],
    [0, 4],
    [0, 6],
    [9, 11],
  ];
  const r = await fitKMeans(toy, { k: 2, algorithm: 'minibatch', batchSize: 2, seed: 3, maxIter: 4 });
  const exact = exactAssignment(rows, r.centers, 2);
  assert.deepEqual(Array.from(r.labels), exact.labels);
  assert.ok(Math.abs(r.inertia - exact.inertia) <= 1e-9 * exact.inertia, `${r.inertia} != ${exact.inertia}`);
  assert.equal(r.minibatch?.batchSize, 2);
  assert.equal(r.nIter, r.minibatch?.batches);
  // 4 passes' worth of 2-row batches over 5 rows is at most 4 x 3 = 12 batches
  assert.ok(r.nIter >= 1 && r.nIter <= 12, `${r.nIter} batches`);
  assert.equal(r.converged, r.minibatch?.stoppedBy !== 'max-iter');
});

test('minibatch fit: --max-iter caps the batches at that many passes worth; the seed fixes everything', async () => {
  const m = plantedMatrix(900, 30, 0.3, 4, 7);
  // tol 0 and a cap of one pass (ceil(900 / 100) = 9 batches): the cap or the no-improvement rule stops it
  const a = await fitKMeans(m, { k: 4, algorithm: 'minibatch', batchSize: 100, seed: 1, maxIter: 1, tol: 0 });
  assert.ok(a.nIter <= 9, `${a.nIter} batches`);
  if (a.nIter < 9) assert.equal(a.minibatch?.stoppedBy, 'no-improvement');
  const b = await fitKMeans(m, { k: 4, algorithm: 'minibatch', batchSize: 100, seed: 1, maxIter: 1, tol: 0 });
  assert.deepEqual(b.labels, a.labels);
  assert.deepEqual(b.centers, a.centers);
  assert.equal(b.inertia, a.inertia);
  const other = await fitKMeans(m, { k: 4, algorithm: 'minibatch', batchSize: 100, seed: 2, maxIter: 1, tol: 0 });
  assert.notDeepEqual(other.centers, a.centers);
});

test('minibatch fit: on planted clusters it lands near the full fit (inertia within 5%)', async () => {
  const m = plantedMatrix(3000, 40, 0.3, 5, 11);
  const full = await fitKMeans(m, { k: 5, seed: 0 });
  const mini = await fitKMeans(m, { k: 5, seed: 0, algorithm: 'minibatch', batchSize: 256 });
  assert.ok(
    mini.inertia >= full.inertia * 0.95 && mini.inertia <= full.inertia * 1.05,
    `${mini.inertia} vs ${full.inertia}`,
  );
  assert.equal(full.minibatch, undefined);
});

test('lloyd is the default and ignores --batch-size: the same bits as before', async () => {
  const m = plantedMatrix(600, 25, 0.3, 3, 5);
  const plain = await fitKMeans(m, { k: 3, seed: 4 });
  const named = await fitKMeans(m, { k: 3, seed: 4, algorithm: 'lloyd', batchSize: 7 });
  assert.deepEqual(named, { ...plain, timingsMs: named.timingsMs });
});
