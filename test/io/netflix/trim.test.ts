import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countThreshold, keepAtLeast, planTrim, quantileLinear, roundHalfEven } from '../../../src/io/netflix/trim.js';

// pd.Series(values).quantile(q) and round(_, 0), printed by pandas 1.5.3 / numpy 1.24 (repr, so every bit counts)
const pandas: [number[], number, number, number][] = [
  [[1, 1, 3, 5, 6], 0.7, 4.6, 5],
  [[1, 2, 2, 2, 3, 6], 0.7, 2.5, 2],
  [[7], 0.7, 7, 7],
  [[1, 2], 0.5, 1.5, 2],
  [[3, 1, 2, 10], 0.7, 3.6999999999999975, 4],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.7, 8, 8],
  [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.7, 7.3, 7],
  [[0, 1000], 0.3, 300, 300],
  [[5, 1, 4], 0.25, 2.5, 2],
  [[2, 9, 4, 4, 1, 8, 8, 3], 0.65, 6.199999999999999, 6],
];

for (const [values, q, quantile, rounded] of pandas) {
  test(`quantile(${q}) of [${values}] is pandas' ${quantile}, rounded ${rounded}`, () => {
    const sorted = [...values].sort((a, b) => a - b);
    assert.equal(quantileLinear(sorted, q), quantile);
    assert.equal(countThreshold(Int32Array.from(values), q), rounded);
  });
}

test('round half to even, as numpy rounds', () => {
  assert.deepEqual(
    [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001, 1948, 210.5, 211.5].map(roundHalfEven),
    [0, 2, 2, 4, -0, -2, -2, 2, 3, 1948, 210, 212],
  );
});

test('quantile of nothing is NaN; the ends are the min and the max', () => {
  assert.ok(Number.isNaN(quantileLinear([], 0.7)));
  assert.equal(quantileLinear([2, 4, 9], 0), 2);
  assert.equal(quantileLinear([2, 4, 9], 1), 9);
});

test('keep means count >= threshold (the original drops count < benchmark)', () => {
  assert.deepEqual(Array.from(keepAtLeast(Int32Array.from([1, 5, 4, 6]), 5)), [0, 1, 0, 1]);
});

test('planTrim: quantiles by default, explicit minimums win', () => {
  const movies = Int32Array.from([6, 3, 1, 5, 1]);
  const customers = Int32Array.from([3, 2, 2, 2, 1, 6]);
  const plan = planTrim(movies, customers);
  assert.equal(plan.movieThreshold, 5);
  assert.equal(plan.customerThreshold, 2);
  assert.deepEqual(Array.from(plan.keepMovie), [1, 0, 0, 1, 0]);
  assert.deepEqual(Array.from(plan.keepCustomer), [1, 1, 1, 1, 0, 1]);
  const explicit = planTrim(movies, customers, { minMovieRatings: 2, movieQuantile: 0.1, minCustomerRatings: 0 });
  assert.equal(explicit.movieThreshold, 2);
  assert.equal(explicit.movieQuantile, null);
  assert.equal(explicit.customerQuantile, null);
  assert.deepEqual(Array.from(explicit.keepCustomer), [1, 1, 1, 1, 1, 1]);
  assert.equal(planTrim(movies, customers, { customerQuantile: 1 }).customerThreshold, 6);
});
