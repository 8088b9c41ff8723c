import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factorRowModel, linearRowModel, predictRowWith, withClusters } from '../../src/recommend/row-model.js';
import { sameBits } from '../support/parallel.js';

/** The plain form: out[j] = rowBase + colBase[j], then + p[a] q[a][j] for a ascending, then + the cluster table. */
function plainRow(
  factors: number,
  customer: Float64Array,
  movie: Float64Array,
  mu: number,
  nCols: number,
  row: number,
) {
  const f1 = factors + 1;
  const out = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    let s = mu + customer[row * f1 + factors] + movie[j * f1 + factors];
    for (let a = 0; a < factors; a++) s += customer[row * f1 + a] * movie[j * f1 + a];
    out[j] = s;
  }
  return out;
}

test('predictRowWith: the factors four per sweep give the plain sum bits, for any number of factors', () => {
  const nRows = 3;
  const nCols = 11;
  for (const factors of [0, 1, 3, 4, 6, 9, 20]) {
    const f1 = factors + 1;
    const customer = Float64Array.from({ length: nRows * f1 }, (_, i) => Math.sin(i + 1) / 3);
    const movie = Float64Array.from({ length: nCols * f1 }, (_, i) => Math.cos(2 * i + 1) / 7);
    const model = factorRowModel(3.5, customer, movie, factors, nRows, nCols);
    const out = new Float64Array(nCols);
    for (let row = 0; row < nRows; row++) {
      predictRowWith(model, row, out);
      assert.ok(sameBits(out, plainRow(factors, customer, movie, 3.5, nCols, row)), `${factors} factors, row ${row}`);
    }
  }
});

test('predictRowWith: a hand case with biases, two factors and a cluster table', () => {
  // mu 3, b_u 0.5; movies: b_i (0.25, -1), q (1, 2) and (0, 4); p = (0.5, 0.25); cluster 1's residuals (0.1, -0.2)
  const model = factorRowModel(3, Float64Array.of(0.5, 0.25, 0.5), Float64Array.of(1, 2, 0.25, 0, 4, -1), 2, 1, 2);
  const out = new Float64Array(2);
  predictRowWith(model, 0, out);
  assert.deepEqual([...out], [3.5 + 0.25 + 0.5 + 0.5, 3.5 - 1 + 0 + 1]);
  predictRowWith(withClusters(model, Int32Array.of(1), 2, Float64Array.of(0, 0.125, 0, -0.25)), 0, out);
  assert.deepEqual([...out], [4.75 + 0.125, 3.5 - 0.25]);
  predictRowWith(linearRowModel(Float64Array.of(2), Float64Array.of(1, -1)), 0, out);
  assert.deepEqual([...out], [3, 1]);
});
