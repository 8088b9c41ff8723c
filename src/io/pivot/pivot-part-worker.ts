/**
 * Entry of a thread that scans one part (whole lines) of a pivot CSV with the same PivotRowScanner as the serial
 * reader. Line numbers are relative to the part until the merge; see parallel-pivot.ts.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { messages } from '../../messages.js';
import { noInputError, UserError } from '../../util/errors.js';
import { serveRequests } from '../../util/worker-rpc.js';
import type { PartReply, PartRequest, PartSummary, PartWorkerInit } from './pivot-part-protocol.js';
import { PivotRowScanner } from './pivot-scanner.js';

const NL = 10;
/** Bytes read at a time; a line longer than this grows the buffer. */
const CHUNK = 1 << 23;

const init = workerData as PartWorkerInit;
// a rating takes at least two bytes ("3,") and usually four or more; the arrays grow if this is short
const scanner = new PivotRowScanner(
  init.path,
  init.nCols,
  init.ratingRange,
  Math.max(1024, (init.end - init.start) / 4),
);
let failed: { buf: Buffer; start: number; end: number; line: number } | null = null;

function scan(): PartSummary {
  let fd: number;
  try {
    fd = openSync(init.path, 'r');
  } catch (err) {
    throw noInputError(messages.inputNotReadable(init.path, (err as Error).message));
  }
  let buf = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, init.end - init.start)));
  let filled = 0;
  let at = init.start;
  let line = 0;
  let newlines = 0;
  try {
    for (;;) {
      if (filled === buf.length) {
        // one line fills the whole buffer: make room for more of it
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = at < init.end ? readBytes(fd, buf, filled, Math.min(buf.length - filled, init.end - at), at) : 0;
      at += n;
      filled += n;
      const eof = n === 0 || at >= init.end;
      const view = buf.subarray(0, filled);
      let s = 0;
      for (let nl = view.indexOf(NL, s); nl >= 0; nl = view.indexOf(NL, s)) {
        line++;
        newlines++;
        if (!scanOne(view, s, nl, line)) return summary(newlines, line);
        s = nl + 1;
      }
      if (eof) {
        if (s < filled && !scanOne(view, s, filled, ++line)) return summary(newlines, line);
        return summary(newlines, 0);
      }
      buf.copyWithin(0, s, filled);
      filled -= s;
      init.progress[2 * init.part] = at - init.start - filled;
      init.progress[2 * init.part + 1] = scanner.rowCount;
    }
  } finally {
    closeSync(fd);
  }
}

function readBytes(fd: number, buf: Buffer, offset: number, length: number, position: number): number {
  try {
    return readSync(fd, buf, offset, length, position);
  } catch (err) {
    throw noInputError(messages.inputNotReadable(init.path, (err as Error).message));
  }
}

/** Scans a line; on a data error keeps the line for 'rethrow' and returns false. */
function scanOne(buf: Buffer, start: number, end: number, line: number): boolean {
  try {
    scanner.scanLine(buf, start, end, line);
    return true;
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    failed = { buf: Buffer.from(buf.subarray(start, end)), start: 0, end: end - start, line };
    return false;
  }
}

function summary(newlines: number, failedLine: number): PartSummary {
  const rows = scanner.views();
  return { nRows: rows.nRows, nnz: rows.rowPtr[rows.nRows], newlines, failedLine };
}

serveRequests<PartRequest, PartReply>((request) => {
  switch (request.op) {
    case 'scan':
      return scan();
    case 'rethrow': {
      if (failed === null) throw new Error('no failed line to report');
      // a fresh scanner: the line's error does not depend on the rows before it
      const again = new PivotRowScanner(init.path, init.nCols, init.ratingRange, 16);
      again.scanLine(failed.buf, failed.start, failed.end, request.lineOffset + failed.line);
      throw new Error(`line ${request.lineOffset + failed.line} scanned without error the second time`);
    }
    case 'copy': {
      const rows = scanner.views();
      const { rowOffset, nnzOffset, lineOffset } = request;
      for (let i = 0; i < rows.nRows; i++) {
        request.rowPtr[rowOffset + i + 1] = nnzOffset + rows.rowPtr[i + 1];
        request.lines[rowOffset + i] = lineOffset + rows.lines[i];
      }
      request.colIdx.set(rows.colIdx, nnzOffset);
      request.values.set(rows.values, nnzOffset);
      request.customerIds.set(rows.customerIds, rowOffset);
      return null;
    }
  }
});
