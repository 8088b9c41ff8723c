import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { leadingDirectionOrder } from '../../src/plot/order.js';

describe('leadingDirectionOrder', () => {
  it('puts alike customers together and alike movies together, whatever their ids', () => {
    // customers 1, 3, 5 love movies 10 and 30 and hate 20 and 40; customers 2, 4, 6 the other way round
    const like = [5, 1, 5, 1];
    const dislike = [1, 5, 1, 5];
    const values = [like, dislike, like, dislike, like, dislike];
    const perm = leadingDirectionOrder(values, Int32Array.from([1, 2, 3, 4, 5, 6]), Int32Array.from([10, 20, 30, 40]));
    const ids = [1, 2, 3, 4, 5, 6];
    const movies = [10, 20, 30, 40];
    const rowIds = perm.rows.map((r) => ids[r]);
    // two blocks, each in id order (equal scores); the loadings (+a, -a, +a, -a) cancel out, so the first of the
    // largest, movie 10's, is made positive: movie 10's fans first
    assert.deepEqual(rowIds, [1, 3, 5, 2, 4, 6]);
    assert.deepEqual(
      perm.columns.map((j) => movies[j]),
      [10, 30, 20, 40],
    );
    // customers who love the first movies come first
    assert.equal(values[perm.rows[0]][perm.columns[0]], 5);
  });

  it('orders by the direction with most variance; not rated counts as 0', () => {
    // movie 2 varies most (0, 5, 3, 4): it decides the order, highest first
    const values = [
      [3, null],
      [3, 5],
      [3, 3],
      [3, 4],
    ];
    const perm = leadingDirectionOrder(values, Int32Array.from([1, 2, 3, 4]), Int32Array.from([1, 2]));
    assert.deepEqual(perm.rows, [1, 3, 2, 0]);
    assert.deepEqual(perm.columns, [1, 0]);
  });

  it('falls back to id order for a block without variation, and handles an empty block', () => {
    const perm = leadingDirectionOrder(
      [
        [4, 4],
        [4, 4],
      ],
      Int32Array.from([9, 7]),
      Int32Array.from([5, 3]),
    );
    assert.deepEqual(perm.rows, [1, 0]);
    assert.deepEqual(perm.columns, [1, 0]);
    assert.deepEqual(leadingDirectionOrder([], new Int32Array(0), new Int32Array(0)), { rows: [], columns: [] });
  });
});
