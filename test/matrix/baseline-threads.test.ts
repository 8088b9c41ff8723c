import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitBaseline, residualMatrix } from '../../src/matrix/baseline.js';
import { fitResidual } from '../../src/matrix/baseline-threads.js';
import { sameBits, smallRatings } from '../support/parallel.js';

test('fitResidual: the serial baseline and residuals, bit for bit, on 1, 2 and 3 threads', async () => {
  const m = smallRatings(6000, 11).matrix;
  const serial = fitBaseline(m);
  const residual = residualMatrix(m, serial);
  for (const threads of [1, 2, 3]) {
    const got = await fitResidual(m, threads, {}, 0);
    assert.equal(got.baseline.mu, serial.mu);
    assert.ok(sameBits(got.baseline.userBias, serial.userBias), `customer biases, ${threads} threads`);
    assert.ok(sameBits(got.baseline.itemBias, serial.itemBias), `movie biases, ${threads} threads`);
    assert.ok(sameBits(got.residual.values!, residual.values!), `residuals, ${threads} threads`);
    assert.equal(got.residual.colIdx, m.colIdx, 'the structure is shared, not copied');
  }
});

test('fitResidual: binary matrices count each entry as 1, as fitBaseline does', async () => {
  const m = { ...smallRatings(3000, 4).matrix, values: null };
  const serial = fitBaseline(m);
  const got = await fitResidual(m, 2, {}, 0);
  assert.ok(sameBits(got.baseline.itemBias, serial.itemBias));
  assert.ok(sameBits(got.residual.values!, residualMatrix(m, serial).values!));
});
