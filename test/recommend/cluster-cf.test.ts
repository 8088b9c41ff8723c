import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselinePrediction, baselineStats } from '../../src/recommend/baselines.js';
import { clusterMovieStats, clusterPrediction, shrunkMean } from '../../src/recommend/cluster-cf.js';
import { recommendForRow } from '../../src/recommend/recommend.js';
import { fromDenseRows } from '../helpers.js';

// Five customers, four movies (0 = not rated); customers 0-2 form cluster 0, customers 3-4 cluster 1.
//            m0 m1 m2 m3
const toy = fromDenseRows([
  [5, 4, 0, 1], // u0
  [4, 0, 2, 0], // u1
  [0, 5, 0, 2], // u2
  [1, 2, 5, 0], // u3
  [2, 0, 4, 2], // u4
]);
const labels = Int32Array.from([0, 0, 0, 1, 1]);
const movieIds = [101, 102, 103, 104];

const approx = (actual: number, expected: number, eps = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= eps, `${actual} != ${expected}`);

test('baselines by hand: global, movie and customer means', () => {
  const b = baselineStats(toy);
  // the 13 ratings sum to 10 + 6 + 7 + 8 + 8 = 39 -> 3
  approx(b.globalMean, 3);
  // m0 (5+4+1+2)/4 = 3, m1 (4+5+2)/3 = 11/3, m2 (2+5+4)/3 = 11/3, m3 (1+2+2)/3 = 5/3
  [3, 11 / 3, 11 / 3, 5 / 3].forEach((m, j) => approx(b.movieMeans[j], m));
  [10 / 3, 3, 3.5, 8 / 3, 8 / 3].forEach((m, i) => approx(b.customerMeans[i], m));
  // u1 on m1: 3 + (11/3 - 3) = 11/3
  approx(baselinePrediction(b, 1, 1), 11 / 3);
});

test('cluster sums and shrunk predictions by hand', () => {
  const s = clusterMovieStats(toy, labels, 2);
  const b = baselineStats(toy);
  // cluster 0 (u0, u1, u2): m0 sum 9 n 2, m1 sum 9 n 2, m2 sum 2 n 1, m3 sum 3 n 2
  assert.deepEqual([0, 1, 2, 3].map((j) => [s.sumsT[j * 2], s.countsT[j * 2]]), [[9, 2], [9, 2], [2, 1], [3, 2]]);
  assert.deepEqual(Array.from(s.sizes), [3, 2]);
  // lambda 2, m0 in cluster 0: (9 + 2 x 3) / (2 + 2) = 15/4
  approx(clusterPrediction(s, 0, 0, b.movieMeans[0], 2), 15 / 4);
  // m2 in cluster 0: (2 + 2 x 11/3) / (1 + 2) = (28/3) / 3 = 28/9
  approx(clusterPrediction(s, 0, 2, b.movieMeans[2], 2), 28 / 9);
  // m3 in cluster 1 (only u4 rated it, 2): (2 + 2 x 5/3) / (1 + 2) = (16/3) / 3 = 16/9
  approx(clusterPrediction(s, 1, 3, b.movieMeans[3], 2), 16 / 9);
  // lambda 0 is the plain cluster mean; with no support it falls back to the movie mean instead of 0/0
  approx(clusterPrediction(s, 0, 0, b.movieMeans[0], 0), 4.5);
  approx(shrunkMean(0, 0, 3.25, 0), 3.25);
  // no support and lambda > 0: exactly the movie mean
  approx(shrunkMean(0, 0, 3.25, 10), 3.25);
});

test('recommend: ranks unrated movies by shrunk cluster mean, never an already-rated one', () => {
  // u1 rated m0 and m2; candidates m1 (cluster 0: sum 9, n 2) and m3 (sum 3, n 2), lambda 2:
  // m1: (9 + 2 x 11/3) / 4 = 49/12 ~ 4.083; m3: (3 + 2 x 5/3) / 4 = 19/12 ~ 1.583
  const r = recommendForRow(toy, movieIds, labels, 2, 1, { top: 10, shrink: 2, minSupport: 1 });
  assert.equal(r.cluster, 0);
  assert.equal(r.clusterSize, 3);
  assert.equal(r.rated, 2);
  assert.deepEqual(r.recommendations.map((x) => x.movieId), [102, 104]);
  approx(r.recommendations[0].predicted, 49 / 12);
  approx(r.recommendations[1].predicted, 19 / 12);
  assert.equal(r.recommendations[0].support, 2);
  approx(r.recommendations[0].clusterMean, 4.5);
  approx(r.recommendations[0].movieMean, 11 / 3);
  // --top cuts the list; --min-support drops movies the cluster hardly rated
  assert.deepEqual(recommendForRow(toy, movieIds, labels, 2, 1, { top: 1, shrink: 2, minSupport: 1 }).recommendations.map((x) => x.movieId), [102]);
  assert.equal(recommendForRow(toy, movieIds, labels, 2, 1, { top: 10, shrink: 2, minSupport: 3 }).recommendations.length, 0);
});

test('recommend: with --min-support 0 a movie nobody in the cluster rated gets its movie mean', () => {
  // u3 (cluster 1) rated m0, m1, m2; m3 in cluster 1: u4 rated it 2 -> (2 + 2 x 5/3) / 3 = 16/9
  const r = recommendForRow(toy, movieIds, labels, 2, 3, { top: 10, shrink: 2, minSupport: 0 });
  assert.deepEqual(r.recommendations.map((x) => x.movieId), [104]);
  approx(r.recommendations[0].predicted, 16 / 9);
  // u4 (cluster 1) rated m0, m2, m3; m1 in cluster 1: u3 rated 2 -> (2 + 2 x 11/3) / 3 = 28/9
  const r4 = recommendForRow(toy, movieIds, labels, 2, 4, { top: 10, shrink: 2, minSupport: 0 });
  assert.deepEqual(r4.recommendations.map((x) => x.movieId), [102]);
  approx(r4.recommendations[0].predicted, 28 / 9);
});

test('recommend: every already-rated movie is excluded on planted data', async () => {
  const { plantedMatrix } = await import('../helpers.js');
  const m = plantedMatrix(300, 40, 0.3, 3, 5);
  const lab = Int32Array.from({ length: 300 }, (_, i) => i % 3);
  const ids = Array.from({ length: 40 }, (_, j) => j + 1);
  for (let row = 0; row < 300; row += 37) {
    const rated = new Set<number>();
    for (let p = m.rowPtr[row]; p < m.rowPtr[row + 1]; p++) rated.add(m.colIdx[p] + 1);
    const r = recommendForRow(m, ids, lab, 3, row, { top: 40, shrink: 10, minSupport: 0 });
    assert.equal(r.recommendations.length, 40 - rated.size);
    for (const x of r.recommendations) assert.ok(!rated.has(x.movieId), `movie ${x.movieId} is rated by row ${row}`);
    for (let i = 1; i < r.recommendations.length; i++) assert.ok(r.recommendations[i - 1].predicted >= r.recommendations[i].predicted);
  }
});
