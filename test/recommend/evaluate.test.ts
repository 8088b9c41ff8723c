import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineStats } from '../../src/recommend/baselines.js';
import { clusterMovieStats } from '../../src/recommend/cluster-cf.js';
import { evaluateRecommenders, scoreHeldOut } from '../../src/recommend/evaluate.js';
import { fromDenseRows, plantedMatrix } from '../helpers.js';

const approx = (actual: number, expected: number, eps = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= eps, `${actual} != ${expected}`);

// The training matrix and clusters of cluster-cf.test.ts: global mean 3; movie means 3, 11/3, 11/3, 5/3;
// customer means 10/3, 3, 7/2, 8/3, 8/3; clusters {u0, u1, u2} and {u3, u4}.
const train = fromDenseRows([
  [5, 4, 0, 1],
  [4, 0, 2, 0],
  [0, 5, 0, 2],
  [1, 2, 5, 0],
  [2, 0, 4, 2],
]);
const labels = Int32Array.from([0, 0, 0, 1, 1]);
// Three held-out ratings: (u1, m1) = 5, (u3, m3) = 3, (u0, m2) = 1.
const split = {
  train,
  testRows: Int32Array.from([1, 3, 0]),
  testCols: Int32Array.from([1, 3, 2]),
  testValues: Float32Array.from([5, 3, 1]),
};
const fitted = [{ k: 2, labels, stats: clusterMovieStats(train, labels, 2) }];

test('every predictor scored by hand on a toy holdout', () => {
  const s = scoreHeldOut(split, baselineStats(train), fitted, { shrink: 2, ratingRange: { min: 1, max: 5 } });
  assert.deepEqual(s.map((x) => [x.predictor, x.k, x.count]), [
    ['global mean', null, 3],
    ['movie mean', null, 3],
    ['customer mean + movie offset', null, 3],
    ['cluster CF', 2, 3],
  ]);
  // global mean 3: errors 3-5 = -2, 3-3 = 0, 3-1 = 2 -> RMSE sqrt(8/3), MAE 4/3
  approx(s[0].rmse, Math.sqrt(8 / 3));
  approx(s[0].mae, 4 / 3);
  // movie mean: 11/3-5 = -4/3, 5/3-3 = -4/3, 11/3-1 = 8/3 -> squares (16 + 16 + 64)/9 = 96/9 -> RMSE sqrt(32/9);
  // MAE (4/3 + 4/3 + 8/3)/3 = 16/9
  approx(s[1].rmse, Math.sqrt(32 / 9));
  approx(s[1].mae, 16 / 9);
  // baseline: u1,m1 3 + 11/3 - 3 = 11/3 (err -4/3); u3,m3 8/3 + 5/3 - 3 = 4/3 (-5/3); u0,m2 10/3 + 11/3 - 3 = 4 (3)
  // squares 16/9 + 25/9 + 81/9 = 122/9 -> RMSE sqrt(122/27); MAE (4/3 + 5/3 + 3)/3 = 2
  approx(s[2].rmse, Math.sqrt(122 / 27));
  approx(s[2].mae, 2);
  // cluster CF, lambda 2: u1,m1 (9 + 2 x 11/3)/4 = 49/12 (err -11/12); u3,m3 (2 + 2 x 5/3)/3 = 16/9 (-11/9);
  // u0,m2 (2 + 2 x 11/3)/3 = 28/9 (19/9). Squares 121/144 + 121/81 + 361/81 = 8801/1296 -> RMSE sqrt(8801/3888);
  // MAE (11/12 + 11/9 + 19/9)/3 = 17/12
  approx(s[3].rmse, Math.sqrt(8801 / 3888));
  approx(s[3].mae, 17 / 12);
});

test('predictions are clamped before scoring', () => {
  // with ratings 1..4 the cluster CF's 49/12 becomes 4 (err -1); the others stay: MAE (1 + 11/9 + 19/9)/3 = 13/9
  const s = scoreHeldOut(split, baselineStats(train), fitted, { shrink: 2, ratingRange: { min: 1, max: 4 } });
  approx(s[3].mae, 13 / 9);
});

const evalOpts = { holdout: 0.2, seed: 3, matrix: 'ratings' as const, shrink: 10, ratingRange: { min: 1, max: 5 } };

test('on planted taste groups cluster CF beats the movie mean by a clear margin', async () => {
  const m = plantedMatrix(900, 60, 0.15, 3, 11);
  const r = await evaluateRecommenders(m, { ...evalOpts, ks: [3] });
  const movieMean = r.scores.find((s) => s.predictor === 'movie mean')!;
  const cf = r.scores.find((s) => s.predictor === 'cluster CF')!;
  // group members rate their own movies 4-5 and the rest 1-3: a movie's overall mean is far from both
  assert.ok(cf.rmse < 0.75 * movieMean.rmse, `cluster CF ${cf.rmse} vs movie mean ${movieMean.rmse}`);
  assert.ok(cf.mae < 0.75 * movieMean.mae, `cluster CF ${cf.mae} vs movie mean ${movieMean.mae}`);
  assert.equal(r.trainRatings + r.testRatings, m.rowPtr[m.nRows]);
  assert.equal(r.fits[0].k, 3);
});

test('evaluate is reproducible: the same seed gives the same scores', async () => {
  const m = plantedMatrix(300, 30, 0.2, 3, 2);
  const a = await evaluateRecommenders(m, { ...evalOpts, ks: [2, 3] });
  const b = await evaluateRecommenders(m, { ...evalOpts, ks: [2, 3] });
  assert.deepEqual(a.scores, b.scores);
  assert.deepEqual(a.scores.map((s) => s.k), [null, null, null, 2, 3]);
  const c = await evaluateRecommenders(m, { ...evalOpts, seed: 4, ks: [2, 3] });
  assert.notDeepEqual(a.scores, c.scores);
});
