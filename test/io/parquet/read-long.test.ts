import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { readLongRatingsCsv } from '../../../src/io/long/long-csv.js';
import { writeLongRatingsParquet } from '../../../src/io/parquet/write-long.js';
import { estimateReadMemory } from '../../../src/io/memory-estimate.js';
import { readRatings } from '../../../src/io/read-ratings.js';
import type { RatingsData } from '../../../src/matrix/csr.js';
import { messages } from '../../../src/messages.js';
import { UserError } from '../../../src/util/errors.js';
import { tempDir } from '../../helpers.js';
import { closeDuck, duckColumnTypes, duckRun, sqlString } from '../../support/duckdb.js';
import { rejectsAsUserError } from '../../support/user-error.js';

const dir = tempDir();
after(async () => {
  await closeDuck();
  rmSync(dir, { recursive: true, force: true });
});

/** Unsorted, a repeated pair (7 rated 31 twice: the mean, 2.75), half stars, MovieLens-style column names. */
const LONG_CSV =
  'userId,movieId,rating,timestamp\n7,50,4.5,900\n1,31,2.5,901\n1,1029,3.0,902\n7,31,0.5,903\n7,31,5.0,904\n3,50,1.0,905\n';
const halfStars = { ratingRange: { min: 0.5, max: 5 } };
const csvPath = join(dir, 'ratings.csv');
writeFileSync(csvPath, LONG_CSV);

/** DuckDB writes the CSV's ratings to Parquet through `select` (types, names, order) with COPY options. */
async function duckParquet(name: string, select: string, copyOptions = ''): Promise<string> {
  const path = join(dir, name);
  await duckRun(
    `COPY (SELECT ${select} FROM read_csv(${sqlString(csvPath)}, header = true, columns = {'userId': 'INTEGER', 'movieId': 'INTEGER', 'rating': 'DOUBLE', 'timestamp': 'INTEGER'})) ` +
      `TO ${sqlString(path)} (FORMAT parquet${copyOptions})`,
  );
  return path;
}

function plain(d: RatingsData) {
  const m = d.matrix;
  return {
    customers: Array.from(d.customerIds),
    movies: Array.from(d.movieIds),
    rowPtr: Array.from(m.rowPtr),
    colIdx: Array.from(m.colIdx),
    values: Array.from(m.values!),
  };
}

async function rejects(path: string, expected: string, options = {}): Promise<void> {
  await rejectsAsUserError(readRatings(path, { ...halfStars, ...options }), 65, expected);
}

describe('Parquet long ratings, written by DuckDB', () => {
  test('the same CSR as the long CSV: rows by user id, columns by movie id, the repeated pair averaged', async () => {
    const path = await duckParquet('duck.parquet', '*');
    const fromCsv = plain(await readLongRatingsCsv(csvPath, halfStars));
    assert.deepEqual(plain(await readRatings(path, halfStars)), fromCsv);
    assert.deepEqual(fromCsv, {
      customers: [1, 3, 7],
      movies: [31, 50, 1029],
      rowPtr: [0, 2, 3, 5],
      colIdx: [0, 2, 1, 0, 1],
      values: [2.5, 3, 1, 2.75, 4.5],
    });
  });

  test('ids as BIGINT or VARCHAR, ratings as FLOAT, DECIMAL or INTEGER, zstd or gzip, many row groups: one matrix', async () => {
    const expected = plain(await readRatings(await duckParquet('base.parquet', '*'), halfStars));
    const variants: Array<[string, string, string]> = [
      ['bigint.parquet', 'userId::BIGINT AS user_id, movieId::BIGINT AS movie_id, rating', ''],
      [
        'varchar.parquet',
        'userId::VARCHAR AS customer, movieId::VARCHAR AS item, rating::FLOAT AS score',
        ', COMPRESSION zstd',
      ],
      [
        'decimal.parquet',
        'rating::DECIMAL(3,1) AS rating, movieId AS movie, userId AS "user"',
        ', COMPRESSION gzip, ROW_GROUP_SIZE 2',
      ],
    ];
    for (const [name, select, options] of variants) {
      assert.deepEqual(plain(await readRatings(await duckParquet(name, select, options), halfStars)), expected, name);
    }
    // whole-star ratings as integers
    const ints = await duckParquet('int.parquet', 'userId, movieId, CEIL(rating)::INTEGER AS rating');
    assert.deepEqual(Array.from((await readRatings(ints)).matrix.values!), [3, 3, 1, 3, 5]);
  });

  test('a timestamp column (seconds or a Parquet TIMESTAMP, any order) is kept with each rating, as the long CSV keeps it', async () => {
    const expected = Array.from((await readLongRatingsCsv(csvPath, halfStars)).timestamps!);
    // the repeated pair (7, 31) keeps its latest time, 904
    assert.deepEqual(expected, [901, 902, 905, 904, 900]);
    const seconds = await duckParquet('ts-seconds.parquet', '*');
    assert.deepEqual(Array.from((await readRatings(seconds, halfStars)).timestamps!), expected);
    const typed = await duckParquet('ts-typed.parquet', 'userId, movieId, rating, to_timestamp(timestamp) AS rated_at');
    assert.deepEqual(Array.from((await readRatings(typed, halfStars)).timestamps!), expected);
    // sorted and each pair once (what convert writes): the fast path keeps them too
    const converted = join(dir, 'ts-converted.parquet');
    await writeLongRatingsParquet(converted, await readLongRatingsCsv(csvPath, halfStars));
    assert.deepEqual(await duckColumnTypes(converted), {
      Cust_Id: 'INTEGER',
      movie: 'INTEGER',
      rating: 'FLOAT',
      timestamp: 'DOUBLE',
    });
    assert.deepEqual(Array.from((await readRatings(converted, halfStars)).timestamps!), expected);
    // no timestamp column: none
    assert.equal(
      (await readRatings(await duckParquet('ts-none.parquet', 'userId, movieId, rating'), halfStars)).timestamps ??
        null,
      null,
    );
  });

  test('--columns names (or numbers) columns the usual names miss', async () => {
    const path = await duckParquet('odd-names.parquet', 'userId AS who, movieId AS what, rating AS how_much');
    await rejects(
      path,
      messages.parquetMissingColumn(
        path,
        'user',
        ['userId', 'user', 'user_id', 'Cust_Id', 'customerId', 'customer', 'uid'],
        ['who', 'what', 'how_much'],
      ),
    );
    const d = await readRatings(path, { ...halfStars, columns: { user: 'who', movie: 'what', rating: 'how_much' } });
    assert.deepEqual(plain(d), plain(await readLongRatingsCsv(csvPath, halfStars)));
    // or by 1-based position, as for a long CSV
    const byPosition = await readRatings(path, { ...halfStars, columns: { user: '1', movie: '2', rating: '3' } });
    assert.deepEqual(plain(byPosition), plain(d));
  });

  test('a folder of part files as Spark writes them (_SUCCESS and .crc files beside them): all parts read', async () => {
    const folder = join(dir, 'ratings.parquet');
    mkdirSync(folder);
    await duckRun(
      `COPY (SELECT * FROM read_csv(${sqlString(csvPath)}) WHERE userId <> 7) TO ${sqlString(join(folder, 'part-00000-abc.snappy.parquet'))} (FORMAT parquet)`,
    );
    await duckRun(
      `COPY (SELECT * FROM read_csv(${sqlString(csvPath)}) WHERE userId = 7) TO ${sqlString(join(folder, 'part-00001-abc.snappy.parquet'))} (FORMAT parquet)`,
    );
    writeFileSync(join(folder, '_SUCCESS'), '');
    writeFileSync(join(folder, '.part-00000-abc.snappy.parquet.crc'), 'not data');
    assert.deepEqual(plain(await readRatings(folder, halfStars)), plain(await readLongRatingsCsv(csvPath, halfStars)));
  });
});

describe('the memory check before a Parquet read', () => {
  test('counts the ratings exactly from the footers, a folder of parts included', async () => {
    const path = await duckParquet('estimate.parquet', '*', ', ROW_GROUP_SIZE 2');
    const estimate = await estimateReadMemory(path);
    assert.equal(estimate.ratings, 6);
    assert.equal(estimate.fileBytes, statSync(path).size);
    assert.equal(estimate.csr, false);
    assert.equal((await estimateReadMemory(join(dir, 'ratings.parquet'))).ratings, 6);
  });
});

describe('bad Parquet input: one line, exit 65', () => {
  test('no rating column', async () => {
    const path = await duckParquet('no-rating.parquet', 'userId, movieId');
    await rejects(
      path,
      messages.parquetMissingColumn(path, 'rating', ['rating', 'score', 'stars', 'value'], ['userId', 'movieId']),
    );
  });

  test('a null id, a null rating, a NaN rating, a rating out of range: the row and column named', async () => {
    // row 4 of the file (1-based) is 7,31,0.5
    const nullUser = await duckParquet(
      'null-user.parquet',
      'CASE WHEN userId = 7 AND rating = 0.5 THEN NULL ELSE userId END AS userId, movieId, rating',
    );
    await rejects(nullUser, messages.parquetNullId(nullUser, 4, 'userId', 'user'));
    const nullMovie = await duckParquet(
      'null-movie.parquet',
      'userId, CASE WHEN rating = 0.5 THEN NULL ELSE movieId END AS movieId, rating',
    );
    await rejects(nullMovie, messages.parquetNullId(nullMovie, 4, 'movieId', 'movie'));
    const nan = await duckParquet(
      'nan.parquet',
      "userId, movieId, CASE WHEN rating = 0.5 THEN 'NaN'::DOUBLE ELSE rating END AS rating",
    );
    await rejects(nan, messages.parquetBadRating(nan, 4, 'rating', 'NaN'));
    const nullRating = await duckParquet(
      'null-rating.parquet',
      'userId, movieId, CASE WHEN rating = 0.5 THEN NULL ELSE rating END AS rating',
    );
    await rejects(nullRating, messages.parquetBadRating(nullRating, 4, 'rating', 'null'));
    const zero = await duckParquet(
      'zero-id.parquet',
      'CASE WHEN rating = 0.5 THEN 0 ELSE userId END AS userId, movieId, rating',
    );
    await rejects(zero, messages.parquetBadId(zero, 4, 'userId', 'user', '0'));
    const word = await duckParquet(
      'word-id.parquet',
      "CASE WHEN rating = 0.5 THEN 'seven' ELSE userId::VARCHAR END AS userId, movieId, rating",
    );
    await rejects(word, messages.parquetBadId(word, 4, 'userId', 'user', 'seven'));
    const range = await duckParquet('range.parquet', '*');
    await rejects(range, messages.parquetRatingOutOfRange(range, 2, 'rating', 2.5, 3, 5), {
      ratingRange: { min: 3, max: 5 },
    });
  });

  test('no rows at all; one column named for two roles', async () => {
    const empty = await duckParquet('empty.parquet', '* EXCLUDE (timestamp)', '');
    await duckRun(
      `COPY (SELECT * FROM read_parquet(${sqlString(empty)}) WHERE false) TO ${sqlString(join(dir, 'no-rows.parquet'))} (FORMAT parquet)`,
    );
    const noRows = join(dir, 'no-rows.parquet');
    await rejects(noRows, messages.parquetNoRows(noRows));
    await rejects(empty, messages.parquetColumnTwoRoles(empty, 'userId', 'user', 'rating'), {
      columns: { rating: 'userId' },
    });
  });

  test('a null timestamp, or a timestamp column of strings', async () => {
    const nullTime = await duckParquet(
      'null-time.parquet',
      'userId, movieId, rating, CASE WHEN rating = 0.5 THEN NULL ELSE timestamp END AS "timestamp"',
    );
    await rejects(nullTime, messages.parquetBadTimestamp(nullTime, 4, 'timestamp', 'null'));
    const words = await duckParquet('word-time.parquet', "userId, movieId, rating, 'yesterday' AS ts");
    await rejects(words, messages.parquetColumnType(words, 'ts', 'timestamp', 'BYTE_ARRAY (UTF8)'));
  });

  test('a rating column of strings is refused by its type', async () => {
    const path = await duckParquet('string-rating.parquet', 'userId, movieId, rating::VARCHAR AS rating');
    await rejects(path, messages.parquetColumnType(path, 'rating', 'rating', 'BYTE_ARRAY (UTF8)'));
  });

  test('a truncated file: still PAR1 at the start, no footer', async () => {
    const whole = await duckParquet('whole.parquet', '*');
    const bytes = readFileSync(whole);
    const cut = join(dir, 'truncated.parquet');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await assert.rejects(readRatings(cut, halfStars), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.exitCode, 65);
      const reason = /\((.*)\); truncated or corrupt\?$/.exec(err.message)?.[1];
      assert.ok(reason !== undefined, err.message);
      assert.equal(err.message, messages.parquetUnreadable(cut, reason));
      assert.ok(!err.message.includes('\n'));
      return true;
    });
  });
});
