import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RatingsData } from '../../src/matrix/csr.js';
import { fitKMeans } from '../../src/kmeans/fit.js';
import { buildModel, type KMeansModel } from '../../src/kmeans/model.js';
import type { MatrixKind } from '../../src/matrix/transform.js';
import { messages } from '../../src/messages.js';
import { mapColumns, remapColumns } from '../../src/recommend/columns.js';
import { predictClusters } from '../../src/recommend/predict.js';
import { fromDenseRows, plantedMatrix } from '../helpers.js';
import { defaultRatingRange } from '../../src/matrix/rating-range.js';
import { rejectsAsUserError } from '../support/user-error.js';

function model(movieIds: number[], centers: number[][], matrix: MatrixKind = 'ratings'): KMeansModel {
  return {
    format: 'netflix-cluster-model',
    version: 1,
    matrix,
    k: centers.length,
    movieIds,
    centers,
    inertia: 0,
    nIter: 1,
    converged: true,
    sizes: centers.map(() => 0),
    options: {},
  };
}

function data(movieIds: number[], rows: number[][]): RatingsData {
  return {
    matrix: fromDenseRows(rows),
    customerIds: Int32Array.from(rows.map((_, i) => i + 1)),
    movieIds: Int32Array.from(movieIds),
    source: 'input.csv',
    ratingRange: defaultRatingRange,
  };
}

test('mapColumns counts matched, unknown and absent movies', () => {
  const map = mapColumns([3, 8, 16, 99], [1, 3, 8, 16]);
  assert.deepEqual(Array.from(map.toModel), [1, 2, 3, -1]);
  assert.deepEqual([map.matchedMovies, map.unknownMovies, map.absentModelMovies], [3, 1, 1]);
  assert.equal(map.monotone, true);
  assert.equal(map.identity, false);
  assert.equal(mapColumns([1, 2], [1, 2]).identity, true);
  assert.equal(mapColumns([2, 1], [1, 2]).monotone, false);
});

test('remapColumns drops unknown movies and keeps rows sorted when the model orders movies differently', () => {
  // input movies [5, 7, 9], model [9, 5]: input column 0 -> model 1, column 1 dropped, column 2 -> model 0
  const input = fromDenseRows([
    [1, 2, 3],
    [0, 4, 5],
  ]);
  const r = remapColumns(input, mapColumns([5, 7, 9], [9, 5]));
  assert.equal(r.droppedRatings, 2);
  assert.equal(r.matrix.nCols, 2);
  assert.deepEqual(Array.from(r.matrix.rowPtr), [0, 2, 3]);
  assert.deepEqual(Array.from(r.matrix.colIdx), [0, 1, 0]);
  assert.deepEqual(Array.from(r.matrix.values!), [3, 1, 5]);
});

test('predict by hand: unknown movies ignored, absent model movies count as not rated', async () => {
  // model movies [1, 2, 3], centres c0 = (5, 0, 0), c1 = (0, 5, 0). Input movies [2, 1, 7]: 7 is unknown, 3 absent.
  // row a: movie 2 = 4, movie 7 = 5 -> model row (0, 4, 0): d0 = 25 + 16 = 41, d1 = (4-5)^2 = 1 -> cluster 1, distance 1
  // row b: movie 1 = 3 -> (3, 0, 0): d0 = (3-5)^2 = 4, d1 = 9 + 25 = 34 -> cluster 0, distance 4
  // row c: only movie 7 -> (0, 0, 0): d0 = d1 = 25 -> the lower index, cluster 0; an empty row for the model
  const d = data(
    [2, 1, 7],
    [
      [4, 0, 5],
      [0, 3, 0],
      [0, 0, 2],
    ],
  );
  const r = await predictClusters(
    d,
    model(
      [1, 2, 3],
      [
        [5, 0, 0],
        [0, 5, 0],
      ],
    ),
    'model.json',
  );
  assert.deepEqual(Array.from(r.labels), [1, 0, 0]);
  assert.deepEqual(Array.from(r.distances), [1, 4, 25]);
  assert.equal(r.inertia, 30);
  assert.deepEqual(r.sizes, [2, 1]);
  assert.deepEqual([r.columns.unknownMovies, r.droppedRatings, r.columns.absentModelMovies, r.emptyRows], [1, 2, 1, 1]);
});

test('predict centres a customer on their ratings of the model movies only', async () => {
  // ratings of model movies 1, 2 are 5 and 3 (mean 4) -> centred (1, -1), exactly centre 0; the unknown movie 7 (rated
  // 1) must not pull the mean to 3, which would give (2, 0) at distance 2
  const d = data([1, 2, 7], [[5, 3, 1]]);
  const r = await predictClusters(
    d,
    model(
      [1, 2],
      [
        [1, -1],
        [-1, 1],
      ],
      'centered',
    ),
    'model.json',
  );
  assert.deepEqual(Array.from(r.labels), [0]);
  assert.equal(r.distances[0], 0);
});

test('a model with no movie in common with the input is a data error', async () => {
  const d = data([1, 2], [[5, 3]]);
  await rejectsAsUserError(
    predictClusters(d, model([8, 9], [[1, 1]]), 'model.json'),
    65,
    messages.modelNoOverlap('model.json', 'input.csv'),
  );
});

test("predicting a model's own training data gives fit's labels", async () => {
  const m = plantedMatrix(500, 40, 0.2, 4, 9);
  const movieIds = Int32Array.from({ length: 40 }, (_, j) => 100 + j);
  for (const kind of ['ratings', 'binary', 'centered'] as const) {
    const { transformMatrix } = await import('../../src/matrix/transform.js');
    const fit = await fitKMeans(transformMatrix(m, kind), { k: 4, seed: 2 });
    // through JSON and back, as a saved model would be
    const saved = JSON.parse(JSON.stringify(buildModel(fit, movieIds, kind, {}))) as KMeansModel;
    const d: RatingsData = {
      matrix: m,
      customerIds: Int32Array.from({ length: 500 }, (_, i) => i + 1),
      movieIds,
      source: 'x',
      ratingRange: defaultRatingRange,
    };
    const r = await predictClusters(d, saved, 'model.json');
    assert.deepEqual(r.labels, fit.labels, kind);
    assert.ok(Math.abs(r.inertia - fit.inertia) <= 1e-9 * fit.inertia, kind);
  }
});
