import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankingScores } from '../../src/recommend/ranking.js';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} != ${b}`);

test('precision, recall and NDCG at 2 by hand', () => {
  // customer 0: predictions 3, 4, 5 for true 5, 3, 4 -> ranked t2 (4, relevant), t1 (3, not), t0 (5, relevant);
  //   top 2 holds 1 of 2 relevant: precision 1/2, recall 1/2, DCG 1/log2(2) = 1, IDCG 1 + 1/log2(3)
  // customer 1: true 2, 1: nothing relevant, left out of the averages
  // customer 2: one test rating, relevant: top 1, precision 1, recall 1, NDCG 1
  const groups = Int32Array.from([0, 0, 0, 1, 1, 2]);
  const cols = Int32Array.from([0, 1, 2, 0, 1, 3]);
  const actual = Float32Array.from([5, 3, 4, 2, 1, 4.5]);
  const predicted = Float64Array.from([3, 4, 5, 1, 2, 1]);
  const s = rankingScores(groups, cols, actual, predicted, 2, 4);
  assert.equal(s.customers, 2);
  close(s.precision, (0.5 + 1) / 2);
  close(s.recall, (0.5 + 1) / 2);
  close(s.ndcg, (1 / (1 + 1 / Math.log2(3)) + 1) / 2);
});

test('ties in the prediction are broken by column, never by the true rating', () => {
  // equal predictions: column 0 (true 1) ranks before column 1 (true 5); at 1 nothing relevant is in the top
  const s = rankingScores(
    Int32Array.from([0, 0]),
    Int32Array.from([0, 1]),
    Float32Array.from([1, 5]),
    Float64Array.from([3, 3]),
    1,
    4,
  );
  assert.equal(s.precision, 0);
  assert.equal(s.recall, 0);
  assert.equal(s.ndcg, 0);
});

test('no relevant rating anywhere: NaN, zero customers', () => {
  const s = rankingScores(
    Int32Array.from([0]),
    Int32Array.from([0]),
    Float32Array.from([2]),
    Float64Array.from([2]),
    10,
    4,
  );
  assert.equal(s.customers, 0);
  assert.ok(Number.isNaN(s.precision));
});
