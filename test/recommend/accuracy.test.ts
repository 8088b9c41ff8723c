import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyOf, clampRating } from '../../src/recommend/accuracy.js';

test('RMSE and MAE by hand', () => {
  // errors -1, 0, 3: squared 1 + 0 + 9 = 10 -> RMSE sqrt(10/3); absolute 1 + 0 + 3 = 4 -> MAE 4/3
  const a = accuracyOf([3, 4, 5], [4, 4, 2]);
  assert.equal(a.rmse, Math.sqrt(10 / 3));
  assert.equal(a.mae, 4 / 3);
  assert.equal(a.count, 3);
  // a perfect predictor
  assert.deepEqual(accuracyOf([1, 2], [1, 2]), { rmse: 0, mae: 0, count: 2 });
});

test('predictions are clamped to the rating scale', () => {
  assert.equal(clampRating(5.4, 1, 5), 5);
  assert.equal(clampRating(0.2, 1, 5), 1);
  assert.equal(clampRating(3.3, 1, 5), 3.3);
});
