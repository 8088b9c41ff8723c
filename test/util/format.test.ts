import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counted, densityPercent, int, secs } from '../../src/util/format.js';

test('counts, seconds and density as every output spells them', () => {
  assert.equal(int(144380), '144,380');
  assert.equal(counted(1, 'customer'), '1 customer');
  assert.equal(counted(0, 'movie'), '0 movies');
  assert.equal(counted(144380, 'customer'), '144,380 customers');
  assert.equal(secs(234.5), '0.23 s');
  assert.equal(secs(undefined), '0.00 s');
  assert.equal(densityPercent(5, 2, 5), 50);
  assert.equal(densityPercent(0, 0, 5), 0);
});
