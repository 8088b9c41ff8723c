import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDenseRows, type RatingsData } from '../../src/matrix/csr.js';
import { fileSplit } from '../../src/recommend/file-split.js';
import { assignFolds, foldSplit } from '../../src/recommend/split.js';
import { Rng } from '../../src/util/random.js';
import { plantedMatrix } from '../helpers.js';

test('k-fold: folds differ in size by at most one, are disjoint and cover every rating', () => {
  const m = plantedMatrix(90, 30, 0.3, 2, 4);
  const total = m.rowPtr[m.nRows];
  const folds = 5;
  const fold = assignFolds(total, folds, new Rng(1));
  const sizes = new Array<number>(folds).fill(0);
  for (const f of fold) sizes[f]++;
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, sizes.join(' '));
  const all = new Map<string, number>();
  for (let i = 0; i < m.nRows; i++)
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) all.set(`${i},${m.colIdx[p]}`, m.values![p]);
  const tested = new Map<string, number>();
  for (let f = 0; f < folds; f++) {
    const s = foldSplit(m, fold, f);
    assert.equal(s.testValues.length, sizes[f]);
    assert.equal(s.train.rowPtr[s.train.nRows] + s.testValues.length, total);
    const train = new Set<string>();
    for (let i = 0; i < s.train.nRows; i++)
      for (let p = s.train.rowPtr[i]; p < s.train.rowPtr[i + 1]; p++) train.add(`${i},${s.train.colIdx[p]}`);
    for (let t = 0; t < s.testValues.length; t++) {
      const key = `${s.testRows[t]},${s.testCols[t]}`;
      assert.ok(!train.has(key), `fold ${f}: ${key} in both train and test`);
      assert.ok(!tested.has(key), `${key} tested twice`);
      tested.set(key, s.testValues[t]);
      if (t > 0) assert.ok(s.testRows[t] >= s.testRows[t - 1], 'test ratings in row order');
    }
  }
  assert.deepEqual(tested, all);
  // the same seed, the same folds
  assert.deepEqual(assignFolds(total, folds, new Rng(1)), fold);
});

test('a given test file: customers and movies the training file lacks get -1 and are counted', () => {
  const data = (rows: number[][], customerIds: number[], movieIds: number[]): RatingsData => ({
    matrix: fromDenseRows(rows),
    customerIds: Int32Array.from(customerIds),
    movieIds: Int32Array.from(movieIds),
    source: 'toy',
    ratingRange: { min: 1, max: 5 },
  });
  const train = data(
    [
      [5, 3],
      [4, 0],
    ],
    [1, 2],
    [10, 20],
  );
  // test: customer 2 rates movie 20 and the new movie 30; new customer 9 rates movie 10
  const test = data(
    [
      [3, 0, 4],
      [0, 2, 0],
    ],
    [2, 9],
    [20, 10, 30],
  );
  const s = fileSplit(train, test);
  assert.deepEqual([...s.testRows], [1, 1, -1]);
  assert.deepEqual([...s.testCols], [1, -1, 0]);
  assert.deepEqual([...s.testValues], [3, 4, 2]);
  assert.deepEqual([...s.testGroups], [0, 0, 1]);
  assert.equal(s.unknownCustomers, 1);
  assert.equal(s.unknownCustomerRatings, 1);
  assert.equal(s.unknownMovies, 1);
  assert.equal(s.unknownMovieRatings, 1);
});
