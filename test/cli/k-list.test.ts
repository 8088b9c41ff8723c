import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatKList, kListOption } from '../../src/cli/k-list.js';

test('ranges and lists of k', () => {
  assert.deepEqual(kListOption('2..5'), [2, 3, 4, 5]);
  assert.deepEqual(kListOption(' 3 .. 3 '), [3]);
  assert.deepEqual(kListOption('8,2,4,2'), [2, 4, 8]);
  assert.deepEqual(kListOption('7'), [7]);
  for (const bad of ['', '2..', '..5', '2...5', '2-5', 'a,b', '2,,3', '0,2', '1.5', '-2..3', '0..4']) {
    assert.throws(() => kListOption(bad), /--k/, bad);
  }
  assert.throws(() => kListOption('6..3'), /empty/);
});

test('written back in the shortest form that parses to the same list', () => {
  for (const ks of [[2, 3, 4, 5], [2, 4, 8], [3], [2, 3]]) {
    assert.deepEqual(kListOption(formatKList(ks)), ks);
  }
  assert.equal(formatKList([2, 3, 4, 5]), '2..5');
  assert.equal(formatKList([2, 4, 8]), '2,4,8');
});
