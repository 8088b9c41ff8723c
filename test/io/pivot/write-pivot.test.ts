import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { formatFloat32 } from '../../../src/io/pivot/pivot-encoder.js';
import { writePivotCsv } from '../../../src/io/pivot/write-pivot.js';
import { readPivotRatingsCsv } from '../../../src/io/pivot/pivot-csv.js';
import type { RatingsData } from '../../../src/matrix/csr.js';
import { fixture, plantedMatrix, tempDir } from '../../helpers.js';
import { defaultRatingRange } from '../../../src/matrix/rating-range.js';

test('writes what it read, byte for byte (df_p written by pandas)', async () => {
  const dir = tempDir();
  const d = await readPivotRatingsCsv(fixture('netflix/df_p.csv'));
  const out = join(dir, 'df_p.csv');
  await writePivotCsv(out, d);
  assert.equal(readFileSync(out, 'utf8'), readFileSync(fixture('netflix/df_p.csv'), 'utf8'));
  assert.deepEqual(readdirSync(dir), ['df_p.csv'], 'no temporary file left');
});

test('.csv.gz is gzip and reads back to the same matrix; empty rows and columns survive', async () => {
  const dir = tempDir();
  const m = plantedMatrix(700, 300, 0.05, 3, 4);
  const data: RatingsData = {
    matrix: m,
    customerIds: Int32Array.from({ length: 700 }, (_, i) => 3 * i + 1),
    movieIds: Int32Array.from({ length: 300 }, (_, j) => 2 * j + 5),
    source: 'test',
    ratingRange: defaultRatingRange,
  };
  const out = join(dir, 'p.csv.gz');
  await writePivotCsv(out, data);
  assert.equal(gunzipSync(readFileSync(out)).toString('latin1').split('\n')[0].slice(0, 16), 'Cust_Id,5,7,9,11');
  const back = await readPivotRatingsCsv(out);
  assert.deepEqual(back.matrix, data.matrix);
  assert.deepEqual(back.customerIds, data.customerIds);
  assert.deepEqual(back.movieIds, data.movieIds);
});

test('values print as pandas prints floats, short enough to read back as the same float32', () => {
  assert.equal(formatFloat32(3), '3.0');
  assert.equal(formatFloat32(3.5), '3.5');
  assert.equal(formatFloat32(Math.fround(10 / 3)), '3.3333333');
  assert.equal(formatFloat32(Math.fround(4.25)), '4.25');
  for (const v of [Math.fround(1 / 3), Math.fround(2.2), Math.fround(1e-7), Math.fround(123456.7)]) {
    assert.equal(Math.fround(Number(formatFloat32(v))), v);
  }
});

test('a binary matrix (no values) writes 1.0 where rated', async () => {
  const dir = tempDir();
  const out = join(dir, 'b.csv');
  await writePivotCsv(out, {
    matrix: {
      nRows: 2,
      nCols: 3,
      rowPtr: Float64Array.from([0, 1, 3]),
      colIdx: Uint16Array.from([2, 0, 1]),
      values: null,
    },
    customerIds: Int32Array.from([4, 9]),
    movieIds: Int32Array.from([1, 2, 3]),
    source: 'b',
    ratingRange: defaultRatingRange,
  });
  assert.equal(readFileSync(out, 'utf8'), 'Cust_Id,1,2,3\n4,,,1.0\n9,1.0,1.0,\n');
});
