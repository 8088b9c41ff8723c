import { messages } from '../messages.js';
import { dataError } from '../util/errors.js';
import { Growable } from '../util/growable.js';
import { makeColIdx } from '../matrix/csr.js';

const COMMA = 44;
const DOT = 46;
const CR = 13;
const ZERO = 48;
const NINE = 57;

/** The most movie ids a header may name; they are stored as 32-bit integers. */
const MAX_ID = 2147483647;

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface WideHeader {
  readonly movieIds: Int32Array;
}

/** Parses the header line `Cust_Id,<movie id>,...` (bytes without the line end). */
export function parseWideHeader(file: string, line: Buffer): WideHeader {
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
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) throw dataError(messages.badMovieId(file, c + 1, cells[c]));
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
export class WideRowScanner {
  private readonly file: string;
  private readonly nCols: number;
  private readonly lo: number;
  private readonly hi: number;
  private readonly colIdx: Growable<Uint16Array | Int32Array>;
  private readonly values: Growable<Float32Array>;
  private readonly rowPtr: Growable<Float64Array>;
  private readonly customerIds: Growable<Int32Array>;
  private readonly lines: Growable<Int32Array>;

  constructor(file: string, nCols: number, range: { min: number; max: number }, capacityHint: number) {
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
    if (end > start && buf[end - 1] === CR) end--;
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
    while (pos < end && buf[pos] !== COMMA) {
      const c = buf[pos];
      if (c < ZERO || c > NINE || id > MAX_ID) break;
      id = id * 10 + (c - ZERO);
      pos++;
    }
    if (pos === start || (pos < end && buf[pos] !== COMMA) || id < 1 || id > MAX_ID) {
      let idEnd = start;
      while (idEnd < end && buf[idEnd] !== COMMA) idEnd++;
      throw dataError(messages.badCustomerId(this.file, lineNo, cellText(buf, start, idEnd)));
    }

    let cell = 0;
    while (pos < end) {
      // buf[pos] is the comma that opens cell `cell`
      pos++;
      if (cell === nCols) throw dataError(messages.tooManyCells(this.file, lineNo, nCols + 1));
      const c0 = pos < end ? buf[pos] : COMMA;
      if (c0 === COMMA) {
        cell++;
        continue;
      }
      let value: number;
      const c1 = pos + 1 < end ? buf[pos + 1] : COMMA;
      if (c0 >= ZERO && c0 <= NINE && c1 === COMMA) {
        value = c0 - ZERO;
        pos += 1;
      } else if (
        c0 >= ZERO && c0 <= NINE && c1 === DOT && pos + 2 < end &&
        buf[pos + 2] >= ZERO && buf[pos + 2] <= NINE && (pos + 3 === end || buf[pos + 3] === COMMA)
      ) {
        // exact: a two-digit integer over ten rounds the same way as parsing "d.d"
        value = ((c0 - ZERO) * 10 + (buf[pos + 2] - ZERO)) / 10;
        pos += 3;
      } else {
        let cellEnd = pos;
        while (cellEnd < end && buf[cellEnd] !== COMMA) cellEnd++;
        const text = cellText(buf, pos, cellEnd);
        if (!NUMBER_RE.test(text)) throw dataError(messages.badRating(this.file, lineNo, cell + 2, text));
        value = Number(text);
        pos = cellEnd;
      }
      if (!(value >= lo && value <= hi)) {
        throw dataError(
          messages.ratingOutOfRange(this.file, lineNo, cell + 2, cellText(buf, pos - valueWidth(buf, pos, start), pos), lo, hi),
        );
      }
      colData[out] = cell;
      valData[out] = value;
      out++;
      cell++;
    }
    if (cell !== nCols) throw dataError(messages.tooFewCells(this.file, lineNo, cell + 1, nCols + 1));
    this.colIdx.length = out;
    this.values.length = out;
    this.rowPtr.push(out);
    this.customerIds.push(id);
    this.lines.push(lineNo);
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
}

/** Width of the cell that ends at `end` (it starts after the previous comma). */
function valueWidth(buf: Uint8Array, end: number, lineStart: number): number {
  let p = end;
  while (p > lineStart && buf[p - 1] !== COMMA) p--;
  return end - p;
}

function cellText(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
}
