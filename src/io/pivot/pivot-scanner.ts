import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';
import { Growable } from '../../util/growable.js';
import { makeColIdx } from '../../matrix/csr.js';
import type { RatingRange } from '../../matrix/rating-range.js';
import { Byte } from '../../util/ascii.js';
import { NUMBER_RE, StoredId } from '../cell-text.js';

export interface PivotHeader {
  readonly movieIds: Int32Array;
}

/** Parses the header line `Cust_Id,<movie id>,...` (bytes without the line end). */
export function parsePivotHeader(file: string, line: Buffer): PivotHeader {
  let text = line.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  const cells = text.split(',');
  const first = cells[0].trim().replace(/^"(.*)"$/, '$1');
  if (first !== 'Cust_Id') throw dataError(messages.headerNoCustId(file, cells[0]));
  if (cells.length < 2) throw dataError(messages.headerNoMovies(file));
  const movieIds = new Int32Array(cells.length - 1);
  const seen = new Map<number, number>();
  for (let c = 1; c < cells.length; c++) {
    const raw = cells[c].trim().replace(/^"(.*)"$/, '$1');
    // pandas writes float column labels as "3.0" when a frame was round-tripped; accept whole numbers only
    const id = /^\d+(\.0*)?$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > StoredId.MAX)
      throw dataError(messages.badMovieId(file, c + 1, cells[c]));
    const firstColumn = seen.get(id);
    if (firstColumn !== undefined) throw dataError(messages.duplicateMovie(file, c + 1, id, firstColumn));
    seen.set(id, c + 1);
    movieIds[c - 1] = id;
  }
  return { movieIds };
}

export interface ScannedRows {
  readonly nRows: number;
  readonly rowPtr: Float64Array;
  readonly colIdx: Uint16Array | Int32Array;
  readonly values: Float32Array;
  readonly customerIds: Int32Array;
  /** The 1-based line of each row, for messages about duplicates found after the scan. */
  readonly lines: Int32Array;
}

/**
 * Turns data lines of the pivot CSV into CSR arrays, byte by byte, without building strings on the common path
 * (`3`, `3.0`, `3.5`). Every cell is validated here, so the kernels downstream trust the matrix. One scanner
 * serves a whole file or, in a worker, one byte range of it.
 */
export class PivotRowScanner {
  private readonly file: string;
  private readonly nCols: number;
  private readonly lo: number;
  private readonly hi: number;
  private readonly colIdx: Growable<Uint16Array | Int32Array>;
  private readonly values: Growable<Float32Array>;
  private readonly rowPtr: Growable<Float64Array>;
  private readonly customerIds: Growable<Int32Array>;
  private readonly lines: Growable<Int32Array>;

  constructor(file: string, nCols: number, range: RatingRange, capacityHint: number) {
    this.file = file;
    this.nCols = nCols;
    this.lo = range.min;
    this.hi = range.max;
    const sample = makeColIdx(nCols, 0);
    this.colIdx = new Growable(sample.constructor as new (n: number) => Uint16Array | Int32Array, capacityHint);
    this.values = new Growable(Float32Array, capacityHint);
    this.rowPtr = new Growable(Float64Array, 1024);
    this.rowPtr.push(0);
    this.customerIds = new Growable(Int32Array, 1024);
    this.lines = new Growable(Int32Array, 1024);
  }

  get rowCount(): number {
    return this.customerIds.length;
  }

  /** Scans one line, buf[start, end) without its '\n'; `lineNo` is 1-based in the file. Blank lines are skipped. */
  scanLine(buf: Uint8Array, start: number, end: number, lineNo: number): void {
    if (end > start && buf[end - 1] === Byte.CR) end--;
    if (end === start) return;
    const nCols = this.nCols;
    // a row holds at most nCols ratings: reserving once keeps the cell loop free of capacity checks
    this.colIdx.reserve(nCols);
    this.values.reserve(nCols);
    const colData = this.colIdx.data;
    const valData = this.values.data;
    let out = this.colIdx.length;
    const lo = this.lo;
    const hi = this.hi;

    let pos = start;
    let id = 0;
    while (pos < end && buf[pos] !== Byte.COMMA) {
      const c = buf[pos];
      if (c < Byte.ZERO || c > Byte.NINE || id > StoredId.MAX) break;
      id = id * 10 + (c - Byte.ZERO);
      pos++;
    }
    if (pos === start || (pos < end && buf[pos] !== Byte.COMMA) || id < 1 || id > StoredId.MAX) {
      let idEnd = start;
      while (idEnd < end && buf[idEnd] !== Byte.COMMA) idEnd++;
      throw dataError(messages.badCustomerId(this.file, lineNo, cellText(buf, start, idEnd)));
    }

    // `cell` is the index of the cell opened by the last comma passed; buf[pos] is a comma or pos === end
    let cell = -1;
    while (pos < end) {
      // about nine cells in ten are empty: skip the whole run of commas (each opens a cell) in one tight loop
      let q = pos + 1;
      while (q < end && buf[q] === Byte.COMMA) q++;
      cell += q - pos;
      pos = q;
      if (cell >= nCols) throw dataError(messages.tooManyCells(this.file, lineNo, nCols + 1));
      if (pos === end) break;
      const d0 = buf[pos] - Byte.ZERO;
      const c1 = pos + 1 < end ? buf[pos + 1] : Byte.COMMA;
      const d2 = pos + 2 < end ? buf[pos + 2] - Byte.ZERO : -1;
      let value: number;
      if (
        c1 === Byte.DOT &&
        d0 >= 0 &&
        d0 <= 9 &&
        d2 >= 0 &&
        d2 <= 9 &&
        (pos + 3 === end || buf[pos + 3] === Byte.COMMA)
      ) {
        // pandas writes "3.0": exact, since a two-digit integer over ten rounds the same way as parsing "d.d"
        value = (d0 * 10 + d2) / 10;
        pos += 3;
      } else if (c1 === Byte.COMMA && d0 >= 0 && d0 <= 9) {
        value = d0;
        pos += 1;
      } else {
        let cellEnd = pos;
        while (cellEnd < end && buf[cellEnd] !== Byte.COMMA) cellEnd++;
        value = this.parseCellText(buf, pos, cellEnd, lineNo, cell);
        pos = cellEnd;
      }
      if (!(value >= lo && value <= hi)) {
        throw dataError(
          messages.ratingOutOfRange(
            this.file,
            lineNo,
            cell + 2,
            cellText(buf, pos - valueWidth(buf, pos, start), pos),
            lo,
            hi,
          ),
        );
      }
      colData[out] = cell;
      valData[out] = value;
      out++;
    }
    if (cell + 1 !== nCols) throw dataError(messages.tooFewCells(this.file, lineNo, cell + 2, nCols + 1));
    this.colIdx.length = out;
    this.values.length = out;
    this.rowPtr.push(out);
    this.customerIds.push(id);
    this.lines.push(lineNo);
  }

  /** Any other number format ("4.25", "+3", "5e0") goes through a string; text that is not a number throws. */
  private parseCellText(buf: Uint8Array, start: number, end: number, lineNo: number, cell: number): number {
    const text = cellText(buf, start, end);
    if (!NUMBER_RE.test(text)) throw dataError(messages.badRating(this.file, lineNo, cell + 2, text));
    return Number(text);
  }

  finish(): ScannedRows {
    return {
      nRows: this.customerIds.length,
      rowPtr: this.rowPtr.trimmed(),
      colIdx: this.colIdx.trimmed(),
      values: this.values.trimmed(),
      customerIds: this.customerIds.trimmed(),
      lines: this.lines.trimmed(),
    };
  }

  /** The rows scanned so far as views of the growing arrays (no copy), for a caller that copies them anyway. */
  views(): ScannedRows {
    return {
      nRows: this.customerIds.length,
      rowPtr: this.rowPtr.view(),
      colIdx: this.colIdx.view(),
      values: this.values.view(),
      customerIds: this.customerIds.view(),
      lines: this.lines.view(),
    };
  }
}

/** Width of the cell that ends at `end` (it starts after the previous comma). */
function valueWidth(buf: Uint8Array, end: number, lineStart: number): number {
  let p = end;
  while (p > lineStart && buf[p - 1] !== Byte.COMMA) p--;
  return end - p;
}

function cellText(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
}
