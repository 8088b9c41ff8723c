import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toDenseRows } from '../../src/matrix/csr.js';
import { transformMatrix } from '../../src/matrix/transform.js';
import { clusterStats } from '../../src/metrics/cluster-stats.js';
import { daviesBouldin } from '../../src/metrics/davies-bouldin.js';
import { calinskiHarabasz } from '../../src/metrics/calinski-harabasz.js';
import { inertia } from '../support/inertia.js';
import { fitKMeans } from '../../src/kmeans/fit.js';
import { fromDenseRows, plantedMatrix } from '../helpers.js';
import { textbookCalinskiHarabasz, textbookDaviesBouldin } from './textbook.js';

const approx = (actual: number, expected: number, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)), `${actual} != ${expected}`);

// One movie, ratings 1 2 | 4 7: centroids 1.5 and 5.5, overall mean 3.5.
const line = fromDenseRows([[1], [2], [4], [7]]);
const labels = Int32Array.from([0, 0, 1, 1]);

test('Davies-Bouldin by hand', () => {
  // S0 = (0.5 + 0.5)/2 = 0.5, S1 = (1.5 + 1.5)/2 = 1.5, M01 = 4: both ratios (0.5 + 1.5)/4 = 0.5, DB = 0.5
  approx(daviesBouldin(clusterStats(line, labels, 2)), 0.5);
});

test('Calinski-Harabasz by hand', () => {
  // B = 2 (1.5-3.5)^2 + 2 (5.5-3.5)^2 = 16;  W = 0.25 + 0.25 + 2.25 + 2.25 = 5;  CH = (16/1) / (5/2) = 6.4
  approx(calinskiHarabasz(clusterStats(line, labels, 2)), 6.4);
});

test('inertia by hand, against the given centres', () => {
  // at the means 1.5 | 5.5: 0.25 + 0.25 + 2.25 + 2.25 = 5;  at 1 | 5: 0 + 1 + 1 + 4 = 6
  approx(inertia(line, labels, Float64Array.from([1.5, 5.5]), 2), 5);
  approx(inertia(line, labels, Float64Array.from([1, 5]), 2), 6);
});

test('two movies: per-cluster stats by hand', () => {
  // rows (3,0) (0,4) | (6,8): centroids (1.5,2) and (6,8); W0 = 2 * (1.5^2 + 2^2) = 12.5, distances 2.5 each
  const m = fromDenseRows([
    [3, 0],
    [0, 4],
    [6, 8],
  ]);
  const s = clusterStats(m, Int32Array.from([0, 0, 1]), 2);
  assert.deepEqual(Array.from(s.centroids), [1.5, 2, 6, 8]);
  assert.deepEqual(Array.from(s.sizes), [2, 1]);
  approx(s.withinSquares[0], 12.5);
  approx(s.withinDistances[0], 5);
  assert.deepEqual(Array.from(s.mean), [3, 4]);
  // DB: S0 = 2.5, S1 = 0, M = |(4.5, 6)| = 7.5 -> 2.5/7.5 = 1/3 for both, mean 1/3
  approx(daviesBouldin(s), 1 / 3);
  // CH: B = 2 |(-1.5,-2)|^2 + 1 |(3,4)|^2 = 12.5 + 25 = 37.5; W = 12.5; (37.5/1)/(12.5/1) = 3
  approx(calinskiHarabasz(s), 3);
});

test('agree with the dense textbook definitions on k-means results (ratings, binary, centred)', async () => {
  const m = plantedMatrix(150, 40, 0.2, 3, 3);
  for (const kind of ['ratings', 'binary', 'centered'] as const) {
    const x = transformMatrix(m, kind);
    const dense = toDenseRows(x);
    for (const k of [2, 3, 6]) {
      const r = await fitKMeans(x, { k, seed: 4 });
      const s = clusterStats(x, r.labels, k);
      approx(daviesBouldin(s), textbookDaviesBouldin(dense, r.labels), 1e-9);
      approx(calinskiHarabasz(s), textbookCalinskiHarabasz(dense, r.labels), 1e-9);
      approx(inertia(x, r.labels, r.centers, k), r.inertia, 1e-9);
    }
  }
});

test('degenerate labelings follow scikit-learn: NaN for one cluster, 1 for CH with W = 0, empty clusters ignored', () => {
  assert.ok(Number.isNaN(daviesBouldin(clusterStats(line, Int32Array.from([0, 0, 0, 0]), 1))));
  assert.ok(Number.isNaN(calinskiHarabasz(clusterStats(line, Int32Array.from([1, 1, 1, 1]), 3))));
  const twins = fromDenseRows([[1], [1], [5], [5]]);
  assert.equal(calinskiHarabasz(clusterStats(twins, labels, 2)), 1);
  assert.equal(daviesBouldin(clusterStats(twins, labels, 2)), 0);
  approx(daviesBouldin(clusterStats(line, Int32Array.from([0, 0, 3, 3]), 4)), 0.5);
  approx(calinskiHarabasz(clusterStats(line, Int32Array.from([0, 0, 3, 3]), 4)), 6.4);
});
