import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messages } from '../../src/messages.js';
import { svdAxisTitle, svdCoordinates, svdPoints } from '../../src/plot/scatter-svd.js';
import { ratingsFromDense } from '../support/data.js';

/**
 * Exactly rank 2: row = a (1,1,1,1) + b (1,-1,1,-1) with sum of a b = 0 over the rows, so the right singular
 * vectors are v1 = (1,1,1,1)/2 and v2 = (1,-1,1,-1)/2 themselves; svd.ts makes each column's largest entry (the
 * first on ties) positive, which picks these signs. Coordinates A V = (2a, 2b); sigma^2 = 4 sum a^2 = 76 and
 * 4 sum b^2 = 8 of ||A||^2 = 84.
 */
//                                  a   b
const rank2 = ratingsFromDense(
  [
    [4, 2, 4, 2], //                3   1
    [0, 0, 0, 0], // no ratings: left out
    [2, 4, 2, 4], //                3  -1
    [1, 1, 1, 1], //                1   0
  ],
  [11, 12, 13, 14],
  [1, 2, 3, 4],
).matrix;

const close = (actual: Float64Array, expected: number[]) => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++)
    assert.ok(Math.abs(actual[i] - expected[i]) < 1e-9, `${actual[i]} vs ${expected[i]} at ${i}`);
};

describe('svdPoints', () => {
  it('gives each customer A V, the first two SVD coordinates, and leaves the all-zero row out, counted', async () => {
    const p = await svdPoints(rank2, { seed: 0, powerIterations: 4, threads: 1 });
    assert.deepEqual([...p.rows], [0, 2, 3]);
    close(p.x, [6, 6, 2]);
    close(p.y, [2, -2, 0]);
    assert.equal(p.zeroRows, 1);
    assert.ok(Math.abs(p.shares[0] - 76 / 84) < 1e-12 && Math.abs(p.shares[1] - 8 / 84) < 1e-12, `${p.shares}`);
  });

  it('is the same bits for another thread count, and for the same seed', async () => {
    const one = await svdPoints(rank2, { seed: 3, powerIterations: 2, threads: 1 });
    const two = await svdPoints(rank2, { seed: 3, powerIterations: 2, threads: 2 });
    assert.deepEqual([one.x, one.y, one.shares], [two.x, two.y, two.shares]);
  });
});

describe('svdCoordinates', () => {
  it("titles the axes with each direction's share of the squared norm and states who was left out", async () => {
    const c = await svdCoordinates(rank2, 'ratings', { seed: 0, powerIterations: 4, threads: 1 });
    assert.equal(c.title, 'First two SVD coordinates of the ratings matrix, by cluster');
    assert.equal(c.xTitle, 'SVD 1 (90.5% of the squared norm)');
    assert.equal(c.yTitle, svdAxisTitle(2, 8 / 84));
    assert.equal(c.yTitle, 'SVD 2 (9.5% of the squared norm)');
    assert.equal(c.xDomain, undefined);
    assert.deepEqual(c.leftOut, [messages.scatterSvdLeftOut(1, 'ratings')]);
    assert.equal(
      c.leftOut[0],
      'left out: 1 customer whose row of the ratings matrix is all zeros (no ratings), at exactly (0, 0) whatever the data',
    );
  });

  it('says nothing is left out when every row has a value', async () => {
    const full = ratingsFromDense(
      [
        [1, 0],
        [0, 2],
        [3, 3],
      ],
      [1, 2, 3],
      [1, 2],
    ).matrix;
    const c = await svdCoordinates(full, 'ratings', { seed: 0, powerIterations: 4, threads: 1 });
    assert.deepEqual([c.rows.length, c.leftOut.length], [3, 0]);
  });
});
