import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pivotRaw, readNetflixRaw } from '../../../src/io/netflix/netflix-raw.js';
import { readLongRatingsCsv } from '../../../src/io/long/long-csv.js';
import { readPivotRatingsCsv } from '../../../src/io/pivot/pivot-csv.js';
import type { RatingsData } from '../../../src/matrix/csr.js';
import { messages } from '../../../src/messages.js';
import { fixture, tempDir } from '../../helpers.js';
import { rejectsAsUserError } from '../../support/user-error.js';

/*
 * test/fixtures/netflix/combined_data_{1,2}.txt, by hand. Customers A=10 B=20 C=30 D=40 E=50 F=60; F rated movie 4
 * twice (4 then 3).
 *
 *   movie 1: F5 A5 E2 C3 B4 D4   6 ratings          customer A: m1 m2 m4     3
 *   movie 2: F3 A3 B4            3                  customer B: m1 m2        2
 *   movie 3: F1                  1                  customer C: m1 m4        2
 *   movie 4: F4 A4 C5 D2 F3      5 (F twice)        customer D: m1 m4        2
 *   movie 5: F5                  1                  customer E: m1           1
 *                               16 ratings          customer F: m1..m5, m4 twice  6
 *
 * Movie threshold: counts sorted 1 1 3 5 6; (5 - 1) * 0.7 = 2.8, so between sorted[2] = 3 and sorted[3] = 5 at
 * 0.8: 5 - (5 - 3) * 0.2 = 4.6, rounded 5. Movies 1 and 4 stay.
 * Customer threshold: counts sorted 1 2 2 2 3 6; (6 - 1) * 0.7 = 3.5, between 2 and 3 at 0.5: 2.5, rounded half
 * to even: 2 (half up would say 3 and drop B, C, D). E goes.
 * Customer counts are NOT recomputed after the movie cut: B keeps only movie 1 (1 rating < 2) yet stays.
 * Kept: movie 1 without E (5) + movie 4 (5) = 10 ratings; pivot 5 x 2 with F's two ratings of movie 4 as 3.5:
 *
 *   Cust_Id,1,4
 *   10,5.0,4.0
 *   20,4.0,
 *   30,3.0,5.0
 *   40,4.0,2.0
 *   60,5.0,3.5
 *
 * pandas 1.5.3 running the original's code on these two files writes exactly test/fixtures/netflix/df_p.csv.
 */
const files = [fixture('netflix/combined_data_1.txt'), fixture('netflix/combined_data_2.txt')];

function assertSameData(a: RatingsData, b: RatingsData) {
  assert.deepEqual(Array.from(a.customerIds), Array.from(b.customerIds));
  assert.deepEqual(Array.from(a.movieIds), Array.from(b.movieIds));
  assert.equal(a.matrix.nRows, b.matrix.nRows);
  assert.equal(a.matrix.nCols, b.matrix.nCols);
  assert.deepEqual(Array.from(a.matrix.rowPtr), Array.from(b.matrix.rowPtr));
  assert.deepEqual(Array.from(a.matrix.colIdx), Array.from(b.matrix.colIdx));
  assert.deepEqual(Array.from(a.matrix.values!), Array.from(b.matrix.values!));
}

test('the hand-made files trim and pivot as computed by hand', async () => {
  const { data, stats } = await pivotRaw(files);
  assert.equal(stats.ratings, 16);
  assert.equal(stats.movies, 5);
  assert.equal(stats.customers, 6);
  assert.deepEqual(stats.ratingHistogram, [0, 1, 2, 4, 5, 4]);
  assert.equal(stats.movieThreshold, 5);
  assert.equal(stats.customerThreshold, 2);
  assert.equal(stats.movieQuantile, 0.7);
  assert.equal(stats.keptRatings, 10);
  assert.equal(stats.rows, 5);
  assert.equal(stats.cols, 2);
  assert.equal(stats.cells, 9);
  assert.equal(stats.duplicatePairs, 1);
  assert.deepEqual(Array.from(data.customerIds), [10, 20, 30, 40, 60]);
  assert.deepEqual(Array.from(data.movieIds), [1, 4]);
  assert.deepEqual(Array.from(data.matrix.rowPtr), [0, 2, 3, 5, 7, 9]);
  assert.deepEqual(Array.from(data.matrix.colIdx), [0, 1, 0, 0, 1, 0, 1, 0, 1]);
  assert.deepEqual(Array.from(data.matrix.values!), [5, 4, 4, 3, 5, 4, 2, 5, 3.5]);
  assert.ok(data.matrix.colIdx instanceof Uint16Array);
});

test('pivot(raw) is the same CSR as reading the df_p pivot pandas wrote, and as the long CSV of the kept ratings', async () => {
  const { data } = await pivotRaw(files);
  assertSameData(data, await readPivotRatingsCsv(fixture('netflix/df_p.csv')));
  const dir = tempDir();
  const kept = join(dir, 'kept.csv');
  // movies 1 and 4 without customer 50, F's repeat included: the long reader averages it too
  writeFileSync(
    kept,
    'movieId,userId,rating\n1,60,5\n1,10,5\n1,30,3\n1,20,4\n1,40,4\n4,60,4\n4,10,4\n4,30,5\n4,40,2\n4,60,3\n',
  );
  assertSameData(data, await readLongRatingsCsv(kept));
});

test('untrimmed, pivot(raw) equals the long CSV of every rating', async () => {
  const { data, stats } = await pivotRaw(files, { minMovieRatings: 0, minCustomerRatings: 0 });
  assert.equal(stats.movieQuantile, null);
  assert.equal(stats.keptRatings, 16);
  assertSameData(data, await readLongRatingsCsv(fixture('netflix/ratings.csv')));
  assert.deepEqual(Array.from(data.customerIds), [10, 20, 30, 40, 50, 60]);
  assert.deepEqual(Array.from(data.movieIds), [1, 2, 3, 4, 5]);
});

test('one gzip file holding both, CRLF line ends and a missing last newline read the same', async () => {
  const { data } = await pivotRaw(files);
  assertSameData(data, (await pivotRaw(fixture('netflix/combined_data_all.txt.gz'))).data);
  const dir = tempDir();
  const crlf = join(dir, 'crlf.txt');
  const text = [
    '1:',
    '60,5,2005-09-06',
    '10,5,2005-05-13',
    '50,2,2004-12-31',
    '30,3,2003-02-28',
    '20,4,2005-01-01',
    '40,4,2004-02-29',
    '2:',
    '60,3,2005-03-01',
    '10,3,2004-07-04',
    '20,4,2001-11-11',
    '3:',
    '60,1,2000-01-01',
    '4:',
    '60,4,2005-06-01',
    '10,4,2005-06-02',
    '30,5,2005-06-03',
    '40,2,2005-06-04',
    '60,3,2005-12-31',
    '5:',
    '60,5,1999-11-11',
  ];
  writeFileSync(crlf, `\ufeff${text.join('\r\n')}`);
  assertSameData(data, (await pivotRaw(crlf)).data);
});

test('explicit minimums override the quantiles', async () => {
  // movies with >= 6 ratings: movie 1 only; customers with >= 3: A and F
  const { data, stats } = await pivotRaw(files, { minMovieRatings: 6, minCustomerRatings: 3 });
  assert.equal(stats.movieThreshold, 6);
  assert.equal(stats.customerThreshold, 3);
  assert.deepEqual(Array.from(data.customerIds), [10, 60]);
  assert.deepEqual(Array.from(data.movieIds), [1]);
  // quantile 1 keeps only the most-rated movie (6 ratings); quantile 0 keeps every customer (min 1)
  const q = await pivotRaw(files, { movieQuantile: 1, customerQuantile: 0 });
  assert.equal(q.stats.movieThreshold, 6);
  assert.equal(q.stats.customerThreshold, 1);
  assert.deepEqual(Array.from(q.data.customerIds), [10, 20, 30, 40, 50, 60]);
});

test('a customer kept by the trim whose ratings were all on cut movies is no row (pivot_table drops it)', async () => {
  const dir = tempDir();
  const path = join(dir, 'c.txt');
  writeFileSync(path, '1:\n1,5,2005-01-01\n2,4,2005-01-01\n2:\n3,3,2005-01-01\n');
  const { data, stats } = await pivotRaw(path, { minMovieRatings: 2, minCustomerRatings: 0 });
  assert.deepEqual(Array.from(data.customerIds), [1, 2]);
  assert.equal(stats.keptRatings, 2);
  assert.equal(stats.rows, 2);
});

test('readNetflixRaw keeps movies as runs and ratings as bytes', async () => {
  const raw = await readNetflixRaw(files);
  assert.equal(raw.count, 16);
  assert.deepEqual(Array.from(raw.runMovie), [1, 2, 3, 4, 5]);
  assert.deepEqual(Array.from(raw.runStart), [0, 6, 9, 10, 15, 16]);
  assert.ok(raw.ratings instanceof Uint8Array);
  assert.deepEqual(Array.from(raw.customers.subarray(0, 3)), [60, 10, 50]);
});

test('a movie split over two runs and an empty movie block count as one movie', async () => {
  const dir = tempDir();
  const a = join(dir, 'a.txt');
  const b = join(dir, 'b.txt');
  writeFileSync(a, '7:\n1,5,2005-01-01\n9:\n');
  writeFileSync(b, '7:\n2,4,2005-01-01\n1,3,2005-01-02\n3:\n1,1,2005-01-01\n');
  const { data, stats } = await pivotRaw([a, b], { minMovieRatings: 0, minCustomerRatings: 0 });
  assert.equal(stats.movies, 2);
  assert.equal(stats.duplicatePairs, 1);
  assert.deepEqual(Array.from(data.movieIds), [3, 7]);
  assert.deepEqual(Array.from(data.customerIds), [1, 2]);
  assert.deepEqual(Array.from(data.matrix.values!), [1, 4, 4]);
});

test('the trim keeping nothing is a data error', async () => {
  await rejectsAsUserError(pivotRaw(files, { minMovieRatings: 100 }), 65, messages.trimKeptNothing(100, 2));
});

test('a file of several read chunks: lines cut at chunk boundaries are joined', async () => {
  const dir = tempDir();
  const path = join(dir, 'big.txt');
  const lines: string[] = [];
  for (let m = 1; m <= 300; m++) {
    lines.push(`${m}:`);
    for (let c = 1; c <= 200; c++)
      lines.push(`${((c * 7919) % 100_003) + 1},${((m + c) % 5) + 1},2005-0${(c % 9) + 1}-1${c % 10}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  const raw = await readNetflixRaw([path]);
  assert.equal(raw.count, 60_000);
  assert.equal(raw.runMovie.length, 300);
  assert.equal(raw.customers[59_999], ((200 * 7919) % 100_003) + 1);
});
