import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, detectFormatFromLine } from '../../../src/io/detect-format.js';
import { readLongRatingsCsv } from '../../../src/io/long/long-csv.js';
import { detectLongLayout } from '../../../src/io/long/long-layout.js';
import { readRatings } from '../../../src/io/read-ratings.js';
import { messages } from '../../../src/messages.js';
import { fixture, tempDir } from '../../helpers.js';
import { rejectsAsUserError } from '../../support/user-error.js';

const dir = tempDir();
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * Every fixture in test/fixtures/long/ holds the same six ratings of users 1-3 and movies 10, 20, 30:
 *   user 1: movie 10 -> 4, movie 20 -> 1 (0.5 in the half-star file)
 *   user 2: movie 10 -> 3 (3.5),  movie 30 -> 5
 *   user 3: movie 20 -> 2,        movie 30 -> 2 (1.5)
 * so each layout must give the same CSR: rows 1, 2, 3; columns 10, 20, 30.
 */
const whole = [4, 1, 3, 5, 2, 2];
const layouts: [string, string, object?][] = [
  ['u1.base', 'MovieLens 100k: tab, no header, timestamp'],
  ['ratings.dat', 'MovieLens 1M/10M: "::", no header, timestamp'],
  ['semicolon-bom.csv', '";" with a quoted header of other names (user;item;score) and a UTF-8 BOM'],
  [
    'pipe-movie-first.txt',
    '"|", no header, movie first (--columns 2,1,3), dates as timestamps',
    { columns: { user: '2', movie: '1', rating: '3' } },
  ],
];

for (const [name, what, options] of layouts) {
  test(`long layout ${name} (${what}): read with no format flag`, async () => {
    const path = fixture(`long/${name}`);
    assert.equal(await detectFormat(path), 'long');
    const d = await readRatings(path, options ?? {});
    assert.deepEqual(Array.from(d.customerIds), [1, 2, 3]);
    assert.deepEqual(Array.from(d.movieIds), [10, 20, 30]);
    assert.deepEqual(Array.from(d.matrix.rowPtr), [0, 2, 4, 6]);
    assert.deepEqual(Array.from(d.matrix.colIdx), [0, 1, 0, 2, 1, 2]);
    assert.deepEqual(Array.from(d.matrix.values!), whole);
    assert.deepEqual(d.ratingRange, { min: 1, max: 5 });
  });
}

test('ml-latest ratings.csv (header, CRLF, half stars): the range inferred is 0.5..5, timestamps kept per entry', async () => {
  const d = await readRatings(fixture('long/ml-latest-ratings.csv'));
  assert.deepEqual(Array.from(d.matrix.values!), [4, 0.5, 3.5, 5, 2, 1.5]);
  assert.deepEqual(d.ratingRange, { min: 0.5, max: 5 });
  assert.deepEqual(Array.from(d.timestamps!), [964000001, 964000002, 1445000003, 1445000004, 1260000005, 1260000006]);
});

test('timestamps: seconds as they are, dates as their UTC midnight, none without a timestamp column', async () => {
  const dates = await readRatings(fixture('long/pipe-movie-first.txt'), {
    columns: { user: '2', movie: '1', rating: '3' },
  });
  assert.deepEqual(
    Array.from(dates.timestamps!),
    ['2005-09-06', '2005-09-07', '2005-10-01', '2005-10-02', '2005-11-30', '2005-12-01'].map(
      (s) => Date.parse(`${s}T00:00:00Z`) / 1000,
    ),
  );
  const u = await readRatings(fixture('long/u1.base'));
  assert.deepEqual(Array.from(u.timestamps!), [874965758, 876893171, 878542960, 876893119, 889751712, 875071561]);
  const none = await readLongRatingsCsv(file('none.csv', 'userId,movieId,rating\n1,1,5\n'));
  assert.equal(none.timestamps, null);
});

test('timestamps follow their entries: rows sorted, a repeated pair keeps its latest time, --rows selects them', async () => {
  // user 9 rated movie 5 twice (mean 3, latest time 300); user 2's row comes first once sorted
  const path = file('times.csv', 'userId,movieId,rating,timestamp\n9,5,2,100\n2,7,4,50\n9,5,4,300\n9,1,1,200\n');
  const d = await readLongRatingsCsv(path);
  assert.deepEqual(Array.from(d.customerIds), [2, 9]);
  assert.deepEqual(Array.from(d.movieIds), [1, 5, 7]);
  assert.deepEqual(Array.from(d.matrix.values!), [4, 1, 3]);
  assert.deepEqual(Array.from(d.timestamps!), [50, 200, 300]);
  const first = await readLongRatingsCsv(path, { rows: 1 });
  assert.deepEqual(Array.from(first.timestamps!), [50]);
});

test('detectLongLayout: delimiter and header from the first line', () => {
  const cases: [string, string, boolean][] = [
    ['userId,movieId,rating,timestamp', ',', true],
    ['4,31,2.5,1260000005', ',', false],
    ['196\t242\t3\t881250949', '\t', false],
    ['1::1193::5::978300760', '::', false],
    ['"user";"item";"score"', ';', true],
    ['10|1|4|2005-09-06', '|', false],
    ['\ufeff1;2;3\r', ';', false],
  ];
  for (const [line, delimiter, header] of cases) {
    const layout = detectLongLayout(line);
    assert.ok(layout !== null, line);
    assert.equal(layout.delimiter, delimiter, line);
    assert.equal(layout.header, header, line);
  }
  assert.equal(detectLongLayout('just one cell'), null);
});

test('detectFormatFromLine: header-less long lines are long; a raw Netflix rating line still is not', () => {
  assert.equal(detectFormatFromLine('196\t242\t3\t881250949'), 'long');
  assert.equal(detectFormatFromLine('1::1193::5::978300760'), 'long');
  assert.equal(detectFormatFromLine('1,31,2.5'), 'long');
  assert.equal(detectFormatFromLine('user|item|rating'), 'long');
  assert.equal(detectFormatFromLine('1488844,3,2005-09-06'), null);
  assert.equal(detectFormatFromLine('1,2'), null);
});

test('--columns by name picks the columns of a header; by position those of a header-less file', async () => {
  const named = await readLongRatingsCsv(file('named.csv', 'when,who,what,stars\n1,7,3,4\n'), {
    columns: { user: 'who', movie: 'what', rating: 'stars' },
  });
  assert.deepEqual(
    [Array.from(named.customerIds), Array.from(named.movieIds), Array.from(named.matrix.values!)],
    [[7], [3], [4]],
  );
  assert.equal(named.timestamps, null, 'a "when" column is not a timestamp name ("time" would be)');
  const positions = await readLongRatingsCsv(file('pos.tsv', '4\t7\t3\n'), {
    columns: { user: '2', movie: '3', rating: '1' },
  });
  assert.deepEqual(
    [Array.from(positions.customerIds), Array.from(positions.movieIds), Array.from(positions.matrix.values!)],
    [[7], [3], [4]],
  );
});

const bad: [string, string, (f: string) => string, object?][] = [
  [
    'names-no-header.tsv',
    '1\t2\t3\n',
    (f) => messages.longNamesWithoutHeader(f, 'uid', '1\t2\t3'),
    { columns: { user: 'uid' } },
  ],
  [
    'position-too-far.tsv',
    '1\t2\t3\n',
    (f) => messages.longColumnPosition(f, 'rating', '5', 3),
    { columns: { rating: '5' } },
  ],
  ['bad-time.dat', '1::2::3::978300760\n1::3::4::yesterday\n', (f) => messages.longBadTimestamp(f, 2, 4, 'yesterday')],
  ['lone-colon.dat', '1::2::3\n1:3::4\n', (f) => messages.longLoneColon(f, 2, 1, '1:3')],
  ['negative.tsv', '1\t2\t3\n1\t3\t-1\n', (f) => messages.ratingOutOfRange(f, 2, 3, '-1', 0, 3.4028234663852886e38)],
  [
    'huge.csv',
    'userId,movieId,rating\n1,2,1e300\n',
    (f) => messages.ratingOutOfRange(f, 2, 3, '1e300', 0, 3.4028234663852886e38),
  ],
  ['nan.tsv', '1\t2\t3\n1\t3\tNaN\n', (f) => messages.badRating(f, 2, 3, 'NaN')],
  ['infinity.tsv', '1\t2\t3\n1\t3\tInfinity\n', (f) => messages.badRating(f, 2, 3, 'Infinity')],
];

for (const [name, text, message, options] of bad) {
  test(`long layout ${name}: exit 65, "${message(name)}"`, async () => {
    const path = file(name, text);
    await rejectsAsUserError(readLongRatingsCsv(path, options), 65, message(path));
  });
}
