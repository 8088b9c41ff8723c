import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLongRatingsCsv } from '../../../src/io/long/long-csv.js';
import { readPivotRatingsCsv } from '../../../src/io/pivot/pivot-csv.js';
import { messages } from '../../../src/messages.js';
import { fixture, tempDir } from '../../helpers.js';
import { defaultRatingRange } from '../../../src/matrix/rating-range.js';
import { rejectsAsUserError } from '../../support/user-error.js';

const dir = tempDir();
function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test('MovieLens ratings.csv: rows by user id, columns by movie id, half stars with a 0.5..5 range', async () => {
  const path = file(
    'ml.csv',
    'userId,movieId,rating,timestamp\n7,50,4.5,964000001\n4,31,2.5,1260000005\n4,1029,3.0,1260000006\n7,31,0.5,1\n',
  );
  const d = await readLongRatingsCsv(path, { ratingRange: { min: 0.5, max: 5 } });
  assert.deepEqual(Array.from(d.customerIds), [4, 7]);
  assert.deepEqual(Array.from(d.movieIds), [31, 50, 1029]);
  assert.deepEqual(Array.from(d.matrix.rowPtr), [0, 2, 4]);
  assert.deepEqual(Array.from(d.matrix.colIdx), [0, 2, 0, 1]);
  assert.deepEqual(Array.from(d.matrix.values!), [2.5, 3, 0.5, 4.5]);
  assert.equal(d.source, path);
});

test('the same ratings read from long and from pivot give the same CSR', async () => {
  const long = await readLongRatingsCsv(fixture('netflix/ratings.csv'));
  const pivot = file(
    'p.csv',
    'Cust_Id,1,2,3,4,5\n10,5.0,3.0,,4.0,\n20,4.0,4.0,,,\n30,3.0,,,5.0,\n40,4.0,,,2.0,\n50,2.0,,,,\n60,5.0,3.0,1.0,3.5,5.0\n',
  );
  const fromPivot = await readPivotRatingsCsv(pivot);
  assert.deepEqual(long.matrix, fromPivot.matrix);
  assert.deepEqual(long.customerIds, fromPivot.customerIds);
  assert.deepEqual(long.movieIds, fromPivot.movieIds);
});

test('other column names and orders, extra columns, quotes, CRLF, gzip, a BOM', async () => {
  const text = '\ufeff"item","score","when","user"\r\n"3","4","x","9"\r\n3,2.0,y,8\r\n';
  const a = await readLongRatingsCsv(file('a.csv', text));
  const b = await readLongRatingsCsv(file('b.csv.gz', gzipSync(Buffer.from(text))));
  assert.deepEqual(Array.from(a.customerIds), [8, 9]);
  assert.deepEqual(Array.from(a.matrix.values!), [2, 4]);
  assert.deepEqual(a.matrix, b.matrix);
  const named = await readLongRatingsCsv(file('c.csv', 'who,what,stars,rating\n1,2,5,1\n'), {
    columns: { user: 'who', movie: 'what', rating: 'stars' },
  });
  assert.deepEqual(Array.from(named.matrix.values!), [5]);
});

test('a pair rated twice is averaged; --rows keeps the first users by id', async () => {
  const d = await readLongRatingsCsv(file('dup.csv', 'userId,movieId,rating\n2,1,4\n1,1,5\n2,1,1\n3,1,3\n'), {
    rows: 2,
  });
  assert.deepEqual(Array.from(d.customerIds), [1, 2]);
  assert.deepEqual(Array.from(d.matrix.values!), [5, 2.5]);
  assert.equal(d.matrix.nCols, 1);
});

const bad: [string, string, (f: string) => string, object?][] = [
  [
    'no-user.csv',
    'movieId,rating\n1,5\n',
    (f) =>
      messages.longMissingColumn(
        f,
        'user',
        ['userId', 'user', 'user_id', 'Cust_Id', 'customerId', 'customer', 'uid'],
        'movieId,rating',
      ),
  ],
  [
    'named-missing.csv',
    'userId,movieId,rating\n1,1,5\n',
    (f) => messages.longMissingColumn(f, 'rating', ['stars'], 'userId,movieId,rating'),
    { columns: { rating: 'stars' } },
  ],
  [
    'two-roles.csv',
    'a,b\n1,1\n',
    (f) => messages.longColumnTwoRoles(f, 'a', 'user', 'movie'),
    { columns: { user: 'a', movie: 'a', rating: 'b' } },
  ],
  ['rating-word.csv', 'userId,movieId,rating\n1,1,good\n', (f) => messages.badRating(f, 2, 3, 'good')],
  [
    'rating-high.csv',
    'userId,movieId,rating\n1,1,5\n1,2,5.5\n',
    (f) => messages.ratingOutOfRange(f, 3, 3, '5.5', 1, 5),
    { ratingRange: defaultRatingRange },
  ],
  [
    'rating-half.csv',
    'userId,movieId,rating\n1,1,0.5\n',
    (f) => messages.ratingOutOfRange(f, 2, 3, '0.5', 1, 5),
    { ratingRange: defaultRatingRange },
  ],
  ['user-letters.csv', 'userId,movieId,rating\nu1,1,5\n', (f) => messages.longBadId(f, 2, 1, 'user', 'u1')],
  ['movie-zero.csv', 'userId,movieId,rating\n1,0,5\n', (f) => messages.longBadId(f, 2, 2, 'movie', '0')],
  ['too-few.csv', 'userId,movieId,rating,timestamp\n1,1,5\n', (f) => messages.tooFewCells(f, 2, 3, 4)],
  ['too-many.csv', 'userId,movieId,rating\n1,1,5,7\n', (f) => messages.tooManyCells(f, 2, 3)],
  ['header-only.csv', 'userId,movieId,rating\n', (f) => messages.noDataRows(f)],
];

for (const [name, text, message, options] of bad) {
  test(`long CSV ${name}: exit 65, "${message(name)}"`, async () => {
    const path = file(name, text);
    await rejectsAsUserError(readLongRatingsCsv(path, options), 65, message(path));
  });
}
