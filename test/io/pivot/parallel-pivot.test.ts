import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readPivotRatingsCsvParallel } from '../../../src/io/pivot/parallel-pivot.js';
import { readPivotRatingsCsv } from '../../../src/io/pivot/pivot-csv.js';
import type { RatingsData } from '../../../src/matrix/csr.js';
import { isSharedMatrix } from '../../../src/matrix/shared.js';
import { messages } from '../../../src/messages.js';
import { UserError } from '../../../src/util/errors.js';
import { sameBits, supportUrl, tempDir, writeSmallPivot } from '../../support/parallel.js';

const dir = tempDir();
const csv = join(dir, 'pivot.csv');
// tiny parts, so that a file of a few hundred kilobytes still splits
const split = { minPartBytes: 1024 };

function assertSameData(a: RatingsData, b: RatingsData): void {
  assert.equal(a.matrix.nRows, b.matrix.nRows);
  assert.equal(a.matrix.nCols, b.matrix.nCols);
  assert.ok(sameBits(a.matrix.rowPtr, b.matrix.rowPtr), 'rowPtr');
  assert.ok(sameBits(a.matrix.colIdx, b.matrix.colIdx), 'colIdx');
  assert.ok(sameBits(a.matrix.values!, b.matrix.values!), 'values');
  assert.ok(sameBits(a.customerIds, b.customerIds), 'customerIds');
  assert.ok(sameBits(a.movieIds, b.movieIds), 'movieIds');
}

/** The error a read fails with, or a failed assertion. */
async function failure(read: Promise<unknown>): Promise<UserError> {
  try {
    await read;
  } catch (err) {
    assert.ok(err instanceof UserError, `expected a UserError, got ${String(err)}`);
    return err;
  }
  assert.fail('the read succeeded');
}

/** The file's lines with line `lineNo` (1-based) passed through `edit`. */
function editLine(text: string, lineNo: number, edit: (line: string) => string): string {
  const lines = text.split('\n');
  lines[lineNo - 1] = edit(lines[lineNo - 1]);
  return lines.join('\n');
}

describe('readPivotRatingsCsvParallel', () => {
  let text = '';
  let lineCount = 0;
  after(() => rmSync(dir, { recursive: true, force: true }));
  before(async () => {
    await writeSmallPivot(csv, 1500, 5, 120);
    text = readFileSync(csv, 'utf8');
    lineCount = text.split('\n').length - 1;
  });

  test("gives the streaming reader's arrays for 2, 3 and 7 threads, in shared memory", async () => {
    const serial = await readPivotRatingsCsv(csv);
    for (const threads of [2, 3, 7]) {
      const par = await readPivotRatingsCsvParallel(csv, { threads, ...split });
      assertSameData(par, serial);
      assert.ok(isSharedMatrix(par.matrix), `${threads} threads: shared`);
    }
  });

  test('CRLF line ends, blank lines and no final newline', async () => {
    const file = join(dir, 'crlf.csv');
    const body = text.trimEnd().split('\n');
    body.splice(700, 0, '', '');
    writeFileSync(file, body.join('\r\n'));
    assertSameData(await readPivotRatingsCsvParallel(file, { threads: 3, ...split }), await readPivotRatingsCsv(file));
  });

  test('a bad line in the second half is reported with its line number in the file, as the streaming reader does', async () => {
    const file = join(dir, 'bad-late.csv');
    const badLine = Math.floor(lineCount * 0.8);
    writeFileSync(
      file,
      editLine(text, badLine, (line) => line.replace(/,,/, ',x,')),
    );
    const serial = await failure(readPivotRatingsCsv(file));
    assert.match(
      serial.message,
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${badLine}:\\d+: rating "x" is not a number$`),
    );
    for (const threads of [2, 4]) {
      const par = await failure(readPivotRatingsCsvParallel(file, { threads, ...split }));
      assert.equal(par.message, serial.message);
      assert.equal(par.exitCode, 65);
    }
  });

  test('errors in two parts: the earlier in the file wins, whichever thread finds its error first', async () => {
    const file = join(dir, 'bad-twice.csv');
    const early = Math.floor(lineCount * 0.3);
    const late = Math.floor(lineCount * 0.9);
    let edited = editLine(text, early, (line) => `${line},9.0`);
    edited = editLine(edited, late, (line) => line.replace(/^\d+/, 'abc'));
    writeFileSync(file, edited);
    const serial = await failure(readPivotRatingsCsv(file));
    assert.equal(serial.message, messages.tooManyCells(file, early, 121));
    const par = await failure(readPivotRatingsCsvParallel(file, { threads: 2, ...split }));
    assert.equal(par.message, serial.message);
  });

  test('a duplicate Cust_Id in another part names both lines', async () => {
    const file = join(dir, 'dup.csv');
    const lines = text.split('\n');
    const id = lines[10].split(',')[0];
    const dupAt = lineCount - 5;
    lines[dupAt - 1] = lines[dupAt - 1].replace(/^\d+/, id);
    writeFileSync(file, lines.join('\n'));
    const serial = await failure(readPivotRatingsCsv(file));
    assert.equal(serial.message, messages.duplicateCustomer(file, dupAt, Number(id), 11));
    assert.equal((await failure(readPivotRatingsCsvParallel(file, { threads: 3, ...split }))).message, serial.message);
  });

  test('a header with no rows, and a bad header, fail as in the streaming reader', async () => {
    const headerOnly = join(dir, 'header-only.csv');
    writeFileSync(headerOnly, `${text.split('\n')[0]}\n`);
    const badHeader = join(dir, 'bad-header.csv');
    writeFileSync(badHeader, text.replace(/^Cust_Id/, 'Customer'));
    for (const file of [headerOnly, badHeader]) {
      const serial = await failure(readPivotRatingsCsv(file));
      assert.equal(
        (await failure(readPivotRatingsCsvParallel(file, { threads: 2, minPartBytes: 1 }))).message,
        serial.message,
      );
    }
  });

  test('gzip input and --rows fall back to the streaming reader', async () => {
    const gz = join(dir, 'pivot.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(csv)));
    assertSameData(await readPivotRatingsCsvParallel(gz, { threads: 2, ...split }), await readPivotRatingsCsv(csv));
    const head = await readPivotRatingsCsvParallel(csv, { threads: 2, rows: 100, ...split });
    assertSameData(head, await readPivotRatingsCsv(csv, { rows: 100 }));
  });

  test('a scanner thread that dies rejects the read (no hang)', async () => {
    await assert.rejects(
      readPivotRatingsCsvParallel(csv, { threads: 2, workerUrl: supportUrl('failing-part-worker'), ...split }),
      /reading .*pivot\.csv: a worker thread exited unexpectedly \(code 5\)/,
    );
  });
});
