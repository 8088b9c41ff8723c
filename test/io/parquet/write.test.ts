import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { writeParquetFile } from '../../../src/io/parquet/parquet-file.js';
import { sortedRatingsToCsr } from '../../../src/io/parquet/sorted-csr.js';
import { writeLongRatingsParquet } from '../../../src/io/parquet/write-long.js';
import { writeAssignments } from '../../../src/io/assignments.js';
import { readAssignments } from '../../../src/io/read-assignments.js';
import { readRatings } from '../../../src/io/read-ratings.js';
import { writeTable } from '../../../src/io/table.js';
import { UserError } from '../../../src/util/errors.js';
import { plantedMatrix, tempDir } from '../../helpers.js';
import { closeDuck, duckRows, sqlString } from '../../support/duckdb.js';

const dir = tempDir();
after(async () => {
  await closeDuck();
  rmSync(dir, { recursive: true, force: true });
});

describe('writing Parquet', () => {
  test('long ratings in row groups of 7: DuckDB sees every group and every rating, and we read the same matrix back', async () => {
    const matrix = plantedMatrix(20, 9, 0.3, 2, 4);
    const data = {
      matrix,
      customerIds: Int32Array.from({ length: 20 }, (_, i) => 100 + 3 * i),
      movieIds: Int32Array.from({ length: 9 }, (_, j) => 1000 + j),
      source: 'planted',
      ratingRange: { min: 1, max: 5 },
    };
    const path = join(dir, 'long.parquet');
    const ratings = await writeLongRatingsParquet(path, data, 7);
    const nnz = matrix.rowPtr[matrix.nRows];
    assert.equal(ratings, nnz);
    const groups = await duckRows(
      `SELECT count(DISTINCT row_group_id)::INTEGER AS n FROM parquet_metadata(${sqlString(path)})`,
    );
    assert.equal(groups[0].n, Math.ceil(nnz / 7));
    // min/max on the sorted Cust_Id (row groups can be skipped on a customer), none on movie and rating
    const stats = await duckRows(
      `SELECT path_in_schema AS col, min(stats_min_value) AS lo, max(stats_max_value) AS hi FROM parquet_metadata(${sqlString(path)}) GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(stats, [
      { col: 'Cust_Id', lo: '100', hi: '157' },
      { col: 'movie', lo: null, hi: null },
      { col: 'rating', lo: null, hi: null },
    ]);
    const rows = await duckRows(`SELECT Cust_Id, movie, rating FROM read_parquet(${sqlString(path)})`);
    const expected = [];
    for (let i = 0; i < matrix.nRows; i++) {
      for (let p = matrix.rowPtr[i]; p < matrix.rowPtr[i + 1]; p++)
        expected.push({ Cust_Id: 100 + 3 * i, movie: 1000 + matrix.colIdx[p], rating: matrix.values![p] });
    }
    assert.deepEqual(rows, expected);
    const back = await readRatings(path);
    // a planted row can be empty; the long table has no such customer, as a long CSV would not
    const kept = Array.from({ length: 20 }, (_, i) => i).filter((i) => matrix.rowPtr[i + 1] > matrix.rowPtr[i]);
    assert.deepEqual(
      Array.from(back.customerIds),
      kept.map((i) => 100 + 3 * i),
    );
    assert.deepEqual(Array.from(back.matrix.values!), Array.from(matrix.values!));
  });

  test('a write that fails half-way leaves neither the file nor a temporary file, and the old file untouched', async () => {
    const sub = join(dir, 'atomic');
    mkdirSync(sub);
    const path = join(sub, 'table.parquet');
    writeFileSync(path, 'previous contents');
    function* batches() {
      yield [Int32Array.of(1, 2, 3)];
      throw new UserError('the data ran out', 65);
    }
    await assert.rejects(writeParquetFile(path, [{ name: 'x', type: 'int32' }], batches()), /the data ran out/);
    assert.equal(readFileSync(path, 'utf8'), 'previous contents');
    assert.deepEqual(readdirSync(sub), ['table.parquet']);
  });

  test('writeTable: CSV for any other name, cells quoted when they hold a comma, a quote or a line break; null is empty', async () => {
    const path = join(dir, 'table.csv');
    await writeTable(path, [
      { name: 'id', type: 'int32', values: [1, 2, 3] },
      { name: 'title', type: 'string', nullable: true, values: ['Heat', 'Crouching Tiger, Hidden Dragon', null] },
      { name: 'score', type: 'double', nullable: true, values: [0.5, null, NaN] },
    ]);
    assert.equal(readFileSync(path, 'utf8'), 'id,title,score\n1,Heat,0.5\n2,"Crouching Tiger, Hidden Dragon",\n3,,\n');
    await writeTable(path, [{ name: 'q', type: 'string', values: ['say "hi"', 'two\nlines'] }]);
    assert.equal(readFileSync(path, 'utf8'), 'q\n"say ""hi"""\n"two\nlines"\n');
  });
});

describe('assignments as Parquet', () => {
  test('writeAssignments to .parquet, readAssignments back: the same as through the CSV', async () => {
    const ids = Int32Array.of(3, 17, 2_000_000);
    const labels = Int32Array.of(1, 0, 1);
    const csv = join(dir, 'a.csv');
    const parquet = join(dir, 'a.parquet');
    await writeAssignments(csv, ids, labels);
    await writeAssignments(parquet, ids, labels);
    assert.equal(readFileSync(parquet).subarray(0, 4).toString('latin1'), 'PAR1');
    const fromCsv = await readAssignments(csv);
    const fromParquet = await readAssignments(parquet);
    assert.deepEqual({ ...fromParquet, source: '' }, { ...fromCsv, source: '' });
    assert.deepEqual(Array.from(fromParquet.clusters), [1, 0, 1]);
  });
});

describe('sortedRatingsToCsr: the fast path only for ratings sorted by user then movie, each pair once', () => {
  test('sorted: rows are the user runs, columns the movie ranks', () => {
    const d = sortedRatingsToCsr(Int32Array.of(5, 5, 9), Int32Array.of(30, 70, 30), Float32Array.of(1, 2, 3), 3, 's');
    assert.ok(d !== null);
    assert.deepEqual(Array.from(d.customerIds), [5, 9]);
    assert.deepEqual(Array.from(d.movieIds), [30, 70]);
    assert.deepEqual(Array.from(d.matrix.rowPtr), [0, 2, 3]);
    assert.deepEqual(Array.from(d.matrix.colIdx), [0, 1, 0]);
    assert.deepEqual(Array.from(d.matrix.values!), [1, 2, 3]);
  });

  test('users out of order, movies out of order, or a pair twice: null (the general builder then runs)', () => {
    assert.equal(sortedRatingsToCsr(Int32Array.of(9, 5), Int32Array.of(1, 2), Float32Array.of(1, 2), 2, 's'), null);
    assert.equal(sortedRatingsToCsr(Int32Array.of(5, 5), Int32Array.of(2, 1), Float32Array.of(1, 2), 2, 's'), null);
    assert.equal(sortedRatingsToCsr(Int32Array.of(5, 5), Int32Array.of(2, 2), Float32Array.of(1, 2), 2, 's'), null);
  });
});
