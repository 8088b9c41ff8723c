import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDenseRows } from '../../src/matrix/csr.js';
import { clusterResiduals } from '../../src/recommend/cluster-residuals.js';
import { fitPredictors, type TrainStats } from '../../src/recommend/predictors.js';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} != ${b}`);

// Ratings u0: m0=5, m1=3; u1: m0=4; u2: m1=1. A hand-made baseline: mu 3, b_u 0.5, 0, -1; b_i 0.5, -0.5.
// Residuals r - mu - b_u - b_i: (u0,m0) 1, (u0,m1) 0, (u1,m0) 0.5, (u2,m1) -0.5. Clusters {u0, u1}, {u2}; lambda 1.
const m = fromDenseRows([
  [5, 3],
  [4, 0],
  [0, 1],
]);
const baseline = { mu: 3, userBias: Float64Array.from([0.5, 0, -1]), itemBias: Float64Array.from([0.5, -0.5]) };
const labels = Int32Array.from([0, 0, 1]);

test('cluster residual means by hand: sum / (n + lambda), laid out [movie * k + cluster]', () => {
  const r = clusterResiduals(m, baseline, labels, 2, 1);
  // m0: cluster 0 (1 + 0.5) / (2 + 1) = 0.5, cluster 1 nobody -> 0; m1: cluster 0 0 / 2 = 0, cluster 1 -0.5 / 2
  assert.deepEqual([...r.shrunkT], [0.5, 0, 0, -0.25]);
  assert.deepEqual([...r.countsT], [2, 0, 1, 1]);
});

test('the cluster predictor is the baseline plus its cluster residual, with labels from the given source', async () => {
  const stats: TrainStats = {
    mu: 3,
    movieMeans: Float64Array.from([4.5, 2]),
    movieCounts: Float64Array.from([2, 2]),
    customerCounts: Float64Array.from([2, 1, 1]),
    baseline,
    ms: 0,
  };
  const opts = { ks: [2], matrix: 'ratings' as const, shrink: 1, factors: 1, reg: 0, epochs: 1, seed: 0, threads: 1 };
  const source = async () => ({ k: 2, labels, nIter: 0, converged: true, inertia: 0, sizes: [2, 1] });
  const [p] = await fitPredictors(['cluster'], m, stats, opts, source);
  assert.equal(p.name, 'cluster');
  assert.equal(p.k, 2);
  close(p.predict(2, 1), 3 - 1 - 0.5 - 0.25);
  close(p.predict(1, 1), 3 + 0 - 0.5 + 0);
  close(p.predict(1, 0), 3 + 0 + 0.5 + 0.5);
  const row = new Float64Array(2);
  p.predictRow(2, row);
  assert.deepEqual([...row], [p.predict(2, 0), p.predict(2, 1)]);
});
