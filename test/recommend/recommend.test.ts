import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDenseRows, type CsrMatrix } from '../../src/matrix/csr.js';
import type { FittedPredictor } from '../../src/recommend/predictors.js';
import { TopScratch, topForRow } from '../../src/recommend/recommend.js';
import { predictTest } from '../../src/recommend/score.js';
import { fitPredictors, trainStats } from '../../src/recommend/predictors.js';
import { linearRowModel } from '../../src/recommend/row-model.js';
import { writeTable } from '../../src/recommend/recommend-table.js';
import { plantedMatrix } from '../helpers.js';

/** A predictor that returns fixed scores per movie, whoever the customer. */
const fixed = (scores: number[]): FittedPredictor => ({
  name: 'movie',
  k: null,
  fitMs: 0,
  predict: (_row, col) => scores[col],
  predictRow: (_row, out) => out.set(scores),
  rowModel: linearRowModel(new Float64Array(4), Float64Array.from(scores)),
});
const range = { min: 1, max: 5 };

/** Every predictor fitted on `m`, small and single-threaded: 3 clusters, 3 factors, 2 epochs. */
async function fitEvery(m: CsrMatrix) {
  const stats = trainStats(m);
  const opts = {
    ks: [3],
    matrix: 'ratings' as const,
    shrink: 10,
    factors: 3,
    reg: 0.05,
    epochs: 2,
    seed: 1,
    threads: 1,
  };
  return { stats, fitted: await fitPredictors(['global', 'movie', 'baseline', 'cluster', 'mf'], m, stats, opts) };
}

test('topForRow: rated movies never recommended, support floor, order by score then support then column', () => {
  // customer 0 rated movies 1 and 3
  const ratings = fromDenseRows([[0, 4, 0, 2, 0, 0]]);
  const support = Float64Array.from([10, 50, 3, 10, 20, 10]);
  const p = fixed([4, 9, 4.5, 9, 4, 7]);
  const { recommendations, candidates } = topForRow(
    p,
    ratings,
    support,
    0,
    { top: 3, minSupport: 5, ratingRange: range },
    new TopScratch(6),
  );
  // movie 2 lacks support; 1 and 3 are rated; 5 (7, clamped to 5), then 4 and 0 tie at 4: more support first
  assert.equal(candidates, 3);
  assert.deepEqual(
    recommendations.map((r) => [r.col, r.predicted, r.support]),
    [
      [5, 5, 10],
      [4, 4, 20],
      [0, 4, 10],
    ],
  );
});

test('no customer is ever recommended a movie they rated, for any predictor', async () => {
  const m = plantedMatrix(120, 40, 0.3, 3, 2);
  const { stats, fitted } = await fitEvery(m);
  const scratch = new TopScratch(m.nCols);
  for (const p of fitted) {
    for (let i = 0; i < m.nRows; i++) {
      const rated = new Set<number>();
      for (let q = m.rowPtr[i]; q < m.rowPtr[i + 1]; q++) rated.add(m.colIdx[q]);
      const { recommendations } = topForRow(
        p,
        m,
        stats.movieCounts,
        i,
        { top: 10, minSupport: 1, ratingRange: range },
        scratch,
      );
      assert.equal(recommendations.length, Math.min(10, m.nCols - rated.size));
      for (const r of recommendations) assert.ok(!rated.has(r.col), `${p.name}: row ${i} got rated movie ${r.col}`);
    }
  }
});

test('the fallback: unknown movie -> mu + b_u, unknown customer -> movie mean, neither -> global mean; clamped', () => {
  const m = fromDenseRows([
    [5, 4, 0],
    [1, 0, 0],
  ]);
  const stats = trainStats(m);
  const split = {
    train: m,
    testRows: Int32Array.from([0, -1, -1, 0, 1]),
    testCols: Int32Array.from([2, 0, -1, -1, 0]),
    testValues: Float32Array.from([3, 3, 3, 3, 3]),
    testGroups: Int32Array.from([0, 1, 2, 3, 4]),
  };
  const out = predictTest(split, stats, fixed([9, 9, 9]), range);
  const { mu, userBias } = stats.baseline;
  // (0, 2): movie 2 has no training rating -> mu + b_u; (-1, 0): movie mean 3; (-1, -1): global 10/3
  assert.deepEqual([...out], [mu + userBias[0], 3, 10 / 3, mu + userBias[0], 5]);
});

test('the recommender table: the same bytes on the main thread and on worker threads; predictRow = predict', async () => {
  const m = plantedMatrix(150, 30, 0.3, 3, 6);
  const { stats, fitted } = await fitEvery(m);
  const row = new Float64Array(m.nCols);
  for (const p of fitted) {
    for (let i = 0; i < m.nRows; i++) {
      p.predictRow(i, row);
      for (let j = 0; j < m.nCols; j++) assert.equal(row[j], p.predict(i, j), `${p.name} (${i}, ${j})`);
    }
    const ctx = {
      rowModel: p.rowModel,
      ratings: m,
      support: stats.movieCounts,
      customerIds: Int32Array.from({ length: m.nRows }, (_, i) => 10 * (i + 1)),
      movieIds: Int32Array.from({ length: m.nCols }, (_, j) => j + 1),
      titles: null,
      top: 5,
      minSupport: 1,
      ratingRange: range,
    };
    const texts: string[] = [];
    for (const threads of [1, 2, 3]) {
      let text = '';
      await writeTable(
        ctx,
        threads,
        async (chunk) => {
          text += chunk;
        },
        16,
      );
      texts.push(text);
    }
    assert.equal(texts[1], texts[0], p.name);
    assert.equal(texts[2], texts[0], p.name);
    assert.equal(texts[0].split('\n').length, 2 + 5 * m.nRows);
  }
});
