import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPivotRatingsCsv } from '../../../src/io/pivot/pivot-csv.js';
import { messages } from '../../../src/messages.js';
import type { UserError } from '../../../src/util/errors.js';
import { fixture, tempDir } from '../../helpers.js';
import { defaultRatingRange } from '../../../src/matrix/rating-range.js';

test('reads the pivot into CSR: ids, columns and values', async () => {
  const d = await readPivotRatingsCsv(fixture('tiny.csv'));
  assert.deepEqual(Array.from(d.movieIds), [3, 8, 16]);
  assert.deepEqual(Array.from(d.customerIds), [6, 7, 10, 79]);
  assert.equal(d.matrix.nRows, 4);
  assert.equal(d.matrix.nCols, 3);
  assert.deepEqual(Array.from(d.matrix.rowPtr), [0, 1, 3, 3, 5]);
  assert.deepEqual(Array.from(d.matrix.colIdx), [1, 0, 1, 0, 2]);
  assert.deepEqual(Array.from(d.matrix.values!), [3, 5, 4, 1.5, 2]);
  assert.ok(d.matrix.colIdx instanceof Uint16Array);
});

test('a BOM, CRLF line ends and a missing final newline read the same; so does gzip', async () => {
  const plain = await readPivotRatingsCsv(fixture('tiny.csv'));
  for (const name of ['tiny-bom-crlf.csv', 'tiny.csv.gz']) {
    const other = await readPivotRatingsCsv(fixture(name));
    assert.deepEqual(other.matrix, plain.matrix, name);
    assert.deepEqual(other.customerIds, plain.customerIds, name);
    assert.deepEqual(other.movieIds, plain.movieIds, name);
  }
});

test('--rows keeps the first N customers', async () => {
  const d = await readPivotRatingsCsv(fixture('tiny.csv'), { rows: 2 });
  assert.deepEqual(Array.from(d.customerIds), [6, 7]);
  assert.deepEqual(Array.from(d.matrix.rowPtr), [0, 1, 3]);
});

test('lines longer than a read chunk are joined across chunks', async () => {
  const dir = tempDir();
  const path = join(dir, 'wide.csv');
  const nCols = 300_000;
  const header = ['Cust_Id', ...Array.from({ length: nCols }, (_, j) => String(j + 1))].join(',');
  const row = (id: number) =>
    [String(id), ...Array.from({ length: nCols }, (_, j) => (j % 1000 === 7 ? '4.0' : ''))].join(',');
  writeFileSync(path, `${header}\n${row(1)}\n${row(2)}\n`);
  const d = await readPivotRatingsCsv(path);
  assert.equal(d.matrix.nCols, nCols);
  assert.ok(d.matrix.colIdx instanceof Int32Array, 'more than 65,535 movies need 32-bit column indices');
  assert.equal(d.matrix.rowPtr[2], 600);
  assert.equal(d.matrix.colIdx[599], 299_007);
});

test('half stars are valid with --rating-range 0.5..5 or none (the scale is then the range held), not with 1..5', async () => {
  const dir = tempDir();
  const path = join(dir, 'half.csv');
  writeFileSync(path, 'Cust_Id,1,2\n1,0.5,4.5\n');
  const d = await readPivotRatingsCsv(path, { ratingRange: { min: 0.5, max: 5 } });
  assert.deepEqual(Array.from(d.matrix.values!), [0.5, 4.5]);
  assert.deepEqual(d.ratingRange, { min: 0.5, max: 5 });
  const inferred = await readPivotRatingsCsv(path);
  assert.deepEqual(Array.from(inferred.matrix.values!), [0.5, 4.5]);
  assert.deepEqual(inferred.ratingRange, { min: 0.5, max: 5 });
  await assert.rejects(readPivotRatingsCsv(path, { ratingRange: defaultRatingRange }), (err: UserError) => {
    assert.equal(err.message, messages.ratingOutOfRange(path, 2, 2, '0.5', 1, 5));
    return true;
  });
});

test('a customer with no ratings is a valid row', async () => {
  const d = await readPivotRatingsCsv(fixture('tiny.csv'));
  assert.equal(d.matrix.rowPtr[3] - d.matrix.rowPtr[2], 0);
});

test('a missing file is exit 66', async () => {
  await assert.rejects(readPivotRatingsCsv('/nonexistent/df_p.csv'), (err: UserError) => {
    assert.equal(err.exitCode, 66);
    assert.equal(err.message, messages.inputMissing('/nonexistent/df_p.csv'));
    return true;
  });
});
