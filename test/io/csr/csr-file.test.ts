import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CSR_MAGIC, isCsrFile, readCsrFile, writeCsrFile } from '../../../src/io/csr/csr-file.js';
import { readRatings } from '../../../src/io/read-ratings.js';
import { readPivotRatingsCsv } from '../../../src/io/pivot/pivot-csv.js';
import type { RatingsData } from '../../../src/matrix/csr.js';
import { isSharedMatrix } from '../../../src/matrix/shared.js';
import { messages } from '../../../src/messages.js';
import { sameBits, smallRatings, tempDir, writeSmallPivot } from '../../support/parallel.js';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));
const data = smallRatings(2500, 9, 200);

function assertSameData(a: RatingsData, b: RatingsData): void {
  assert.equal(a.matrix.nRows, b.matrix.nRows);
  assert.equal(a.matrix.nCols, b.matrix.nCols);
  assert.ok(sameBits(a.matrix.rowPtr, b.matrix.rowPtr), 'rowPtr');
  assert.ok(sameBits(a.matrix.colIdx, b.matrix.colIdx), 'colIdx');
  assert.equal(a.matrix.values === null, b.matrix.values === null);
  if (a.matrix.values) assert.ok(sameBits(a.matrix.values, b.matrix.values!), 'values');
  assert.ok(sameBits(a.customerIds, b.customerIds), 'customerIds');
  assert.ok(sameBits(a.movieIds, b.movieIds), 'movieIds');
}

/** Writes `data` to a fresh file, lets `damage` edit the bytes, and returns the error message of reading it. */
async function corruptMessage(name: string, damage: (bytes: Buffer) => Buffer): Promise<string> {
  const file = join(dir, name);
  await writeCsrFile(file, data);
  writeFileSync(file, damage(readFileSync(file)));
  try {
    await readCsrFile(file, { ratingRange: { min: 1, max: 5 } });
  } catch (err) {
    assert.equal((err as { exitCode?: number }).exitCode, 65, String(err));
    assert.doesNotMatch((err as Error).message, /\n/);
    return (err as Error).message;
  }
  assert.fail(`${name}: read without error`);
}

describe('CSR files', () => {
  test('ratings round-trip bit for bit, into shared memory, leaving no temporary file', async () => {
    const file = join(dir, 'ratings.csr');
    const size = await writeCsrFile(file, data);
    assert.equal(readFileSync(file).length, size);
    const back = await readCsrFile(file);
    assertSameData(back, data);
    assert.ok(isSharedMatrix(back.matrix));
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
    assert.ok(await isCsrFile(file));
  });

  test('a binary matrix (no values) round-trips without a values section', async () => {
    const file = join(dir, 'binary.csr');
    const binary = { ...data, matrix: { ...data.matrix, values: null } };
    const size = await writeCsrFile(file, binary);
    assert.ok(size < readFileSync(join(dir, 'ratings.csr')).length);
    assertSameData(await readCsrFile(file), binary);
  });

  test('rows: only the first customers are read', async () => {
    const back = await readCsrFile(join(dir, 'ratings.csr'), { rows: 100 });
    assert.equal(back.matrix.nRows, 100);
    assert.equal(back.matrix.rowPtr[100], data.matrix.rowPtr[100]);
    assert.ok(sameBits(back.matrix.colIdx, data.matrix.colIdx.subarray(0, data.matrix.rowPtr[100])));
  });

  test('damaged files fail with one line and exit 65', async () => {
    const ratings = join(dir, 'bad-magic.csr');
    assert.equal(
      await corruptMessage('bad-magic.csr', (b) => Buffer.concat([Buffer.from('Cust_Id,'), b.subarray(8)])),
      messages.csrBadMagic(ratings),
    );
    assert.equal(
      await corruptMessage('version.csr', (b) => (b.writeUInt32LE(2, 8), b)),
      messages.csrBadVersion(join(dir, 'version.csr'), 2, 1),
    );
    assert.match(
      await corruptMessage('truncated.csr', (b) => b.subarray(0, b.length - 10)),
      /truncated\.csr: CSR file is \d+ bytes but its header implies \d+/,
    );
    assert.match(await corruptMessage('short.csr', (b) => b.subarray(0, 20)), /short\.csr: CSR file is 20 bytes/);
    // the first column index of row 1 is in the section after the 64-byte header, ids and offsets
    const colAt = (b: Buffer) => {
      const nRows = Number(b.readBigUInt64LE(16));
      const nCols = Number(b.readBigUInt64LE(24));
      const align = (n: number) => Math.ceil(n / 8) * 8;
      return align(align(64 + 4 * nRows) + 4 * nCols) + 8 * (nRows + 1);
    };
    assert.match(
      await corruptMessage('column.csr', (b) => (b.writeUInt16LE(60000, colAt(b)), b)),
      /column\.csr: corrupt CSR file: row 1 has column index 60000/,
    );
    assert.match(
      await corruptMessage('rating.csr', (b) => (b.writeFloatLE(7, b.length - 4), b)),
      /rating\.csr: row 2500 \(Cust_Id \d+\), movie \d+: rating 7 is outside 1\.\.5 \(see --rating-range\)/,
    );
  });

  test('readRatings picks the reader by content: CSR by its magic bytes whatever the name, else the CSV readers', async () => {
    const csv = join(dir, 'pivot.csv');
    await writeSmallPivot(csv, 800, 4, 90);
    const fromCsv = await readPivotRatingsCsv(csv);
    const disguised = join(dir, 'looks-like.csv');
    await writeCsrFile(disguised, fromCsv);
    assert.ok(readFileSync(disguised).subarray(0, 8).equals(CSR_MAGIC));
    assertSameData(await readRatings(disguised), fromCsv);
    assertSameData(await readRatings(csv, { threads: 2 }), fromCsv);
    assertSameData(await readRatings(csv, { threads: 1 }), fromCsv);
    assert.equal((await readRatings(disguised, { rows: 10 })).matrix.nRows, 10);
  });
});
