import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alsScratch, choleskySolve, solveRange } from '../../src/recommend/als-kernel.js';
import { fitMf, mfPredict } from '../../src/recommend/mf.js';
import { factorRowModel, predictRowWith } from '../../src/recommend/row-model.js';
import { plantedMatrix } from '../helpers.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

test('choleskySolve: a 2x2 system by hand', () => {
  // [[4, 2], [2, 3]] x = [2, 1] -> det 8, x = [ (3*2 - 2*1)/8, (4*1 - 2*2)/8 ] = [1/2, 0]
  const a = Float64Array.from([4, 2, 0, 3]); // upper triangle only
  const b = Float64Array.from([2, 1]);
  choleskySolve(a, b, 2);
  close(b[0], 0.5);
  close(b[1], 0);
});

test('one ALS customer step by hand: one factor, two rated movies', () => {
  // mu = 3; movie 0: q = 1, b = 0.5; movie 1: q = 2, b = -0.5; the customer rated them 4 and 2.
  // y = r - mu - b_i = 0.5, -0.5; z = [q, 1]: Z'Z = [[5, 3], [3, 2]]; ridge = 0.5 x 2 ratings + 1 = 2
  // A = [[7, 3], [3, 4]], Z'y = [0.5 - 1, 0] = [-0.5, 0]; A^-1 = [[4, -3], [-3, 7]] / 19 -> x = [-2/19, 3/38]
  const side = { ptr: Float64Array.from([0, 2]), idx: Int32Array.from([0, 1]), vals: Float32Array.from([4, 2]) };
  const own = new Float64Array(2);
  const other = Float64Array.from([1, 0.5, 2, -0.5]);
  solveRange(side, 0, 1, own, other, 1, 3, 0.5, 1, alsScratch(1));
  close(own[0], -2 / 19);
  close(own[1], 3 / 38);
});

test('a customer with no rating gets a zero vector (prediction mu + b_i)', () => {
  const side = { ptr: Float64Array.from([0, 0]), idx: Int32Array.from([]), vals: Float32Array.from([]) };
  const own = Float64Array.from([7, 7]);
  solveRange(side, 0, 1, own, Float64Array.from([1, 0.5]), 1, 3, 0.5, 1, alsScratch(1));
  assert.deepEqual([...own], [0, 0]);
});

test('fitMf: the same bytes on the main thread and on 1, 2 or 3 worker threads', async () => {
  const m = plantedMatrix(700, 80, 0.2, 3, 5);
  const opts = { factors: 4, reg: 0.05, epochs: 3, seed: 9 };
  const serial = await fitMf(m, { ...opts, threads: 1 });
  for (const threads of [1, 2, 3]) {
    const threaded = await fitMf(m, { ...opts, threads: threads === 1 ? 2 : threads, parallelAbove: 0 });
    assert.deepEqual(
      Buffer.from(threaded.customerVectors.buffer),
      Buffer.from(serial.customerVectors.buffer),
      `threads ${threads}`,
    );
    assert.deepEqual(
      Buffer.from(threaded.movieVectors.buffer),
      Buffer.from(serial.movieVectors.buffer),
      `threads ${threads}`,
    );
  }
  // and it learns: the training RMSE is well below the spread of the ratings
  let sse = 0;
  let sst = 0;
  const n = m.rowPtr[m.nRows];
  let mean = 0;
  for (let p = 0; p < n; p++) mean += m.values![p] / n;
  const row = new Float64Array(m.nCols);
  const rowModel = factorRowModel(
    serial.mu,
    serial.customerVectors,
    serial.movieVectors,
    serial.factors,
    m.nRows,
    m.nCols,
  );
  for (let i = 0; i < m.nRows; i++) {
    predictRowWith(rowModel, i, row);
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
      const j = m.colIdx[p];
      assert.equal(row[j], mfPredict(serial, i, j));
      sse += (row[j] - m.values![p]) ** 2;
      sst += (mean - m.values![p]) ** 2;
    }
  }
  assert.ok(sse < 0.5 * sst, `${sse} vs ${sst}`);
});
