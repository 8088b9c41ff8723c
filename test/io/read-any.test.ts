import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { detectFormat, detectFormatFromLine } from '../../src/io/detect-format.js';
import { readRatingsAny } from '../../src/io/read-any.js';
import { readPivotRatingsCsv } from '../../src/io/pivot/pivot-csv.js';
import { messages } from '../../src/messages.js';
import type { UserError } from '../../src/util/errors.js';
import { fixture, tempDir } from '../helpers.js';
import { rejectsAsUserError } from '../support/user-error.js';

test('the first line names the format', () => {
  assert.equal(detectFormatFromLine('Cust_Id,3,8,16'), 'pivot');
  assert.equal(detectFormatFromLine('\ufeff"Cust_Id",3\r'), 'pivot');
  assert.equal(detectFormatFromLine('1:'), 'netflix');
  assert.equal(detectFormatFromLine('17770:\r'), 'netflix');
  assert.equal(detectFormatFromLine('userId,movieId,rating,timestamp'), 'long');
  assert.equal(detectFormatFromLine('user_id,item_id,Rating'), 'long');
  assert.equal(detectFormatFromLine('1488844,3,2005-09-06'), null);
  assert.equal(detectFormatFromLine('userId,movieId'), null);
  assert.equal(detectFormatFromLine(''), null);
});

test('detectFormat reads through gzip; an unknown first line is exit 65', async () => {
  const dir = tempDir();
  assert.equal(await detectFormat(fixture('netflix/combined_data_all.txt.gz')), 'netflix');
  assert.equal(await detectFormat(fixture('tiny.csv.gz')), 'pivot');
  assert.equal(await detectFormat(fixture('netflix/ratings.csv')), 'long');
  const odd = join(dir, 'odd.csv');
  writeFileSync(odd, 'a,b,c\n1,2,3\n');
  await rejectsAsUserError(detectFormat(odd), 65, messages.unknownFormat(odd, 'a,b,c'));
});

test('readRatingsAny: the raw files, the df_p pandas made from them and the long CSV of the kept ratings agree', async () => {
  const raw = await readRatingsAny([fixture('netflix/combined_data_1.txt'), fixture('netflix/combined_data_2.txt')]);
  const pivot = await readRatingsAny(fixture('netflix/df_p.csv'));
  assert.deepEqual(raw.matrix, pivot.matrix);
  assert.deepEqual(raw.customerIds, pivot.customerIds);
  assert.deepEqual(raw.movieIds, pivot.movieIds);
  const untrimmed = await readRatingsAny(fixture('netflix/combined_data_all.txt.gz'), { trim: false });
  const long = await readRatingsAny(fixture('netflix/ratings.csv'));
  assert.deepEqual(untrimmed.matrix, long.matrix);
  assert.deepEqual(untrimmed.customerIds, long.customerIds);
});

test('readRatingsAny: rows, an explicit format, rating range and progress', async () => {
  const two = await readRatingsAny(fixture('netflix/combined_data_all.txt.gz'), { rows: 2 });
  assert.deepEqual(Array.from(two.customerIds), [10, 20]);
  assert.equal(two.matrix.nCols, 2);
  const pivot = await readRatingsAny(fixture('tiny.csv'), { format: 'pivot', rows: 1 });
  assert.deepEqual(pivot, await readPivotRatingsCsv(fixture('tiny.csv'), { rows: 1 }));
  const dir = tempDir();
  const half = join(dir, 'half.csv.gz');
  writeFileSync(half, gzipSync('userId,movieId,rating\n1,2,0.5\n'));
  let calls = 0;
  const d = await readRatingsAny(half, { ratingRange: { min: 0.5, max: 5 }, onProgress: () => calls++ });
  assert.deepEqual(Array.from(d.matrix.values!), [0.5]);
  assert.ok(calls > 0);
});

test('readRatingsAny: several files only for netflix, of one format, at least one', async () => {
  const expectUsage = async (p: Promise<unknown>, message: string) =>
    assert.rejects(p, (err: UserError) => {
      assert.equal(err.exitCode, 2);
      assert.equal(err.message, message);
      return true;
    });
  await expectUsage(readRatingsAny([fixture('tiny.csv'), fixture('tiny.csv')]), messages.oneFileOnly('pivot', 2));
  await expectUsage(readRatingsAny([]), messages.noInputFiles());
  const a = fixture('netflix/combined_data_1.txt');
  const b = fixture('netflix/ratings.csv');
  await expectUsage(readRatingsAny([a, b]), messages.formatsDiffer(a, 'netflix', b, 'long'));
  await assert.rejects(readRatingsAny('/nonexistent/x.csv'), (err: UserError) => err.exitCode === 66);
});
