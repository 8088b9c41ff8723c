import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';
import type { RatingRange } from '../../matrix/rating-range.js';
import { Byte } from '../../util/ascii.js';
import { NUMBER_RE, StoredId } from '../cell-text.js';
import type { LongColumns } from './long-columns.js';
import { LongBuffer, type ScannedLong } from './long-buffer.js';
import type { LongDelimiter } from './long-layout.js';

/** The shortest data line, "1,1,1\n": bounds how many ratings a chunk can add. */
const MIN_LINE = 6;
const DAY_RE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Scans the data lines of a long ratings file (`userId,movieId,rating[,timestamp]`, any column order, other columns
 * skipped; cells split by the layout's delimiter: one byte, or `::`) byte by byte into typed arrays: 12 bytes a
 * rating, 20 with timestamps. The common cells (`31`, `2.5`, `4`, `1260000005`) never become strings; anything else
 * takes the slow path, which also accepts a number in double quotes and a date as the timestamp.
 */
export class LongScanner {
  private readonly file: string;
  private readonly cols: LongColumns;
  private readonly lo: number;
  private readonly hi: number;
  private line = 1;
  private readonly out: LongBuffer;
  /** The delimiter's (first) byte, and 2 for `::`. */
  private readonly sep: number;
  private readonly sepLength: number;

  /** `firstLine` is 1 when a header was consumed, 0 when the first line is data. */
  constructor(
    file: string,
    cols: LongColumns,
    delimiter: LongDelimiter,
    range: RatingRange,
    capacityHint: number,
    firstLine = 1,
  ) {
    this.file = file;
    this.cols = cols;
    this.sep = delimiter.charCodeAt(0);
    this.sepLength = delimiter.length;
    this.line = firstLine;
    this.lo = range.min;
    this.hi = range.max;
    this.out = new LongBuffer(capacityHint, cols.timestamp >= 0);
  }

  get ratingCount(): number {
    return this.out.count;
  }

  /** Scans the whole lines in buf[start, end) (the header already consumed); buf[end - 1] must be '\n'. */
  scan(buf: Uint8Array, start: number, end: number): void {
    const { users, movies, ratings, times } = this.out.reserve(Math.floor((end - start) / MIN_LINE) + 1);
    const { user: userCol, movie: movieCol, rating: ratingCol, timestamp: timeCol, count: nCells } = this.cols;
    const sep = this.sep;
    const sepLength = this.sepLength;
    const lo = this.lo;
    const hi = this.hi;
    let n = this.out.count;
    let line = this.line;
    let pos = start;

    while (pos < end) {
      line++;
      let c = buf[pos];
      if (c === Byte.NL || (c === Byte.CR && buf[pos + 1] === Byte.NL)) {
        pos += c === Byte.NL ? 1 : 2;
        continue;
      }
      let user = -1;
      let movie = -1;
      let rating = NaN;
      let time = NaN;
      let cell = 0;
      let cellStart: number;
      for (;;) {
        cellStart = pos;
        if (cell === userCol || cell === movieCol) {
          let id = 0;
          c = buf[pos];
          while (c >= Byte.ZERO && c <= Byte.NINE) {
            id = id * 10 + (c - Byte.ZERO);
            c = buf[++pos];
          }
          if (pos === cellStart || id < 1 || id > StoredId.MAX || !(c === sep || c === Byte.NL || c === Byte.CR)) {
            pos = cellEnd(buf, cellStart, sep);
            id = this.slowId(buf, cellStart, pos, line, cell, cell === userCol ? 'user' : 'movie');
          }
          if (cell === userCol) user = id;
          else movie = id;
        } else if (cell === ratingCol) {
          let whole = 0;
          c = buf[pos];
          while (c >= Byte.ZERO && c <= Byte.NINE) {
            whole = whole * 10 + (c - Byte.ZERO);
            c = buf[++pos];
          }
          let value = whole;
          if (c === Byte.DOT && pos > cellStart) {
            const d = buf[pos + 1];
            if (d >= Byte.ZERO && d <= Byte.NINE) {
              // exact: one decimal digit over ten rounds the same as parsing the text
              value = (whole * 10 + (d - Byte.ZERO)) / 10;
              c = buf[(pos += 2)];
            }
          }
          if (pos === cellStart || !(c === sep || c === Byte.NL || c === Byte.CR)) {
            pos = cellEnd(buf, cellStart, sep);
            value = this.slowRating(buf, cellStart, pos, line, cell);
          }
          if (!(value >= lo && value <= hi)) {
            throw dataError(messages.ratingOutOfRange(this.file, line, cell + 1, text(buf, cellStart, pos), lo, hi));
          }
          rating = value;
        } else if (cell === timeCol) {
          let t = 0;
          c = buf[pos];
          while (c >= Byte.ZERO && c <= Byte.NINE) {
            t = t * 10 + (c - Byte.ZERO);
            c = buf[++pos];
          }
          if (pos === cellStart || !(c === sep || c === Byte.NL || c === Byte.CR)) {
            pos = cellEnd(buf, cellStart, sep);
            t = this.slowTime(buf, cellStart, pos, line, cell);
          }
          time = t;
        } else {
          pos = cellEnd(buf, pos, sep);
        }
        c = buf[pos];
        if (c !== sep) break;
        // "::": the second colon must follow; a lone ':' is part of a cell, and so a bad one
        if (sepLength === 2 && buf[pos + 1] !== Byte.COLON) {
          throw dataError(
            messages.longLoneColon(this.file, line, cell + 1, text(buf, cellStart, doubleColonEnd(buf, cellStart))),
          );
        }
        pos += sepLength;
        cell++;
        if (cell === nCells) throw dataError(messages.tooManyCells(this.file, line, nCells));
      }
      if (c === Byte.CR) c = buf[++pos];
      if (c !== Byte.NL)
        throw dataError(messages.badRating(this.file, line, cell + 1, text(buf, pos, cellEnd(buf, pos, sep))));
      pos++;
      if (cell + 1 !== nCells) throw dataError(messages.tooFewCells(this.file, line, cell + 1, nCells));
      users[n] = user;
      movies[n] = movie;
      ratings[n] = rating;
      if (times !== null) times[n] = time;
      n++;
    }
    this.out.setCount(n);
    this.line = line;
  }

  finish(): ScannedLong {
    return this.out.finish();
  }

  private slowId(buf: Uint8Array, start: number, end: number, line: number, cell: number, role: string): number {
    const raw = text(buf, start, end);
    const inner = unquote(raw);
    const id = /^\d+$/.test(inner) ? Number(inner) : NaN;
    if (!(id >= 1 && id <= StoredId.MAX)) throw dataError(messages.longBadId(this.file, line, cell + 1, role, raw));
    return id;
  }

  private slowRating(buf: Uint8Array, start: number, end: number, line: number, cell: number): number {
    const raw = text(buf, start, end);
    const inner = unquote(raw);
    if (!NUMBER_RE.test(inner)) throw dataError(messages.badRating(this.file, line, cell + 1, raw));
    return Number(inner);
  }

  /** A timestamp that is not plain digits: a number (negative, fractional) or an ISO date, in seconds. */
  private slowTime(buf: Uint8Array, start: number, end: number, line: number, cell: number): number {
    const raw = text(buf, start, end);
    const inner = unquote(raw);
    if (NUMBER_RE.test(inner)) return Number(inner);
    const ms = DAY_RE.test(inner) ? Date.parse(inner.length === 10 ? `${inner}T00:00:00Z` : inner) : NaN;
    if (!Number.isFinite(ms)) throw dataError(messages.longBadTimestamp(this.file, line, cell + 1, raw));
    return ms / 1000;
  }
}

/** The end of the cell starting at `pos`: the next delimiter or line end. */
function cellEnd(buf: Uint8Array, pos: number, sep: number): number {
  let c = buf[pos];
  while (c !== sep && c !== Byte.NL && !(c === Byte.CR && buf[pos + 1] === Byte.NL) && pos < buf.length) c = buf[++pos];
  return pos;
}

/** The end of a `::`-separated cell: the next "::" or line end (a lone ':' is inside it). */
function doubleColonEnd(buf: Uint8Array, pos: number): number {
  let c = buf[pos];
  while (
    !(c === Byte.COLON && buf[pos + 1] === Byte.COLON) &&
    c !== Byte.NL &&
    !(c === Byte.CR && buf[pos + 1] === Byte.NL) &&
    pos < buf.length
  )
    c = buf[++pos];
  return pos;
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.charCodeAt(0) === Byte.QUOTE && t.charCodeAt(t.length - 1) === Byte.QUOTE
    ? t.slice(1, -1).trim()
    : t;
}

function text(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
}
