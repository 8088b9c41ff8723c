import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';
import { Growable } from '../../util/growable.js';
import type { LongColumns } from './long-columns.js';

const NL = 10;
const CR = 13;
const COMMA = 44;
const DOT = 46;
const QUOTE = 34;
const ZERO = 48;
const NINE = 57;

const MAX_ID = 2147483647;
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** The shortest data line, "1,1,1\n": bounds how many ratings a chunk can add. */
const MIN_LINE = 6;

export interface ScannedLong {
  readonly count: number;
  readonly users: Int32Array;
  readonly movies: Int32Array;
  readonly ratings: Float32Array;
}

/**
 * Scans the data lines of a long ratings CSV (`userId,movieId,rating[,timestamp]`, any column order, other columns
 * skipped) byte by byte into typed arrays: 12 bytes a rating. The common cells (`31`, `2.5`, `4`) never become
 * strings; anything else takes the slow path, which also accepts a number in double quotes.
 */
export class LongScanner {
  private readonly file: string;
  private readonly cols: LongColumns;
  private readonly lo: number;
  private readonly hi: number;
  private line = 1;
  private readonly users: Growable<Int32Array>;
  private readonly movies: Growable<Int32Array>;
  private readonly ratings: Growable<Float32Array>;

  constructor(file: string, cols: LongColumns, range: { min: number; max: number }, capacityHint: number) {
    this.file = file;
    this.cols = cols;
    this.lo = range.min;
    this.hi = range.max;
    this.users = new Growable(Int32Array, capacityHint);
    this.movies = new Growable(Int32Array, capacityHint);
    this.ratings = new Growable(Float32Array, capacityHint);
  }

  get ratingCount(): number {
    return this.users.length;
  }

  /** Scans the whole lines in buf[start, end) (the header already consumed); buf[end - 1] must be '\n'. */
  scan(buf: Uint8Array, start: number, end: number): void {
    const room = Math.floor((end - start) / MIN_LINE) + 1;
    this.users.reserve(room);
    this.movies.reserve(room);
    this.ratings.reserve(room);
    const users = this.users.data;
    const movies = this.movies.data;
    const ratings = this.ratings.data;
    const { user: userCol, movie: movieCol, rating: ratingCol, count: nCells } = this.cols;
    const lo = this.lo;
    const hi = this.hi;
    let n = this.users.length;
    let line = this.line;
    let pos = start;

    while (pos < end) {
      line++;
      let c = buf[pos];
      if (c === NL || (c === CR && buf[pos + 1] === NL)) {
        pos += c === NL ? 1 : 2;
        continue;
      }
      let user = -1;
      let movie = -1;
      let rating = NaN;
      let cell = 0;
      for (;;) {
        const cellStart = pos;
        if (cell === userCol || cell === movieCol) {
          let id = 0;
          c = buf[pos];
          while (c >= ZERO && c <= NINE) {
            id = id * 10 + (c - ZERO);
            c = buf[++pos];
          }
          if (pos === cellStart || id < 1 || id > MAX_ID || !(c === COMMA || c === NL || c === CR)) {
            pos = cellEnd(buf, cellStart);
            id = this.slowId(buf, cellStart, pos, line, cell, cell === userCol ? 'user' : 'movie');
          }
          if (cell === userCol) user = id;
          else movie = id;
        } else if (cell === ratingCol) {
          let whole = 0;
          c = buf[pos];
          while (c >= ZERO && c <= NINE) {
            whole = whole * 10 + (c - ZERO);
            c = buf[++pos];
          }
          let value = whole;
          if (c === DOT && pos > cellStart) {
            const d = buf[pos + 1];
            if (d >= ZERO && d <= NINE) {
              // exact: one decimal digit over ten rounds the same as parsing the text
              value = (whole * 10 + (d - ZERO)) / 10;
              c = buf[(pos += 2)];
            }
          }
          if (pos === cellStart || !(c === COMMA || c === NL || c === CR)) {
            pos = cellEnd(buf, cellStart);
            value = this.slowRating(buf, cellStart, pos, line, cell);
          }
          if (!(value >= lo && value <= hi)) {
            throw dataError(messages.ratingOutOfRange(this.file, line, cell + 1, text(buf, cellStart, pos), lo, hi));
          }
          rating = value;
        } else {
          pos = cellEnd(buf, pos);
        }
        c = buf[pos];
        if (c !== COMMA) break;
        pos++;
        cell++;
        if (cell === nCells) throw dataError(messages.tooManyCells(this.file, line, nCells));
      }
      if (c === CR) c = buf[++pos];
      if (c !== NL) throw dataError(messages.badRating(this.file, line, cell + 1, text(buf, pos, cellEnd(buf, pos))));
      pos++;
      if (cell + 1 !== nCells) throw dataError(messages.tooFewCells(this.file, line, cell + 1, nCells));
      users[n] = user;
      movies[n] = movie;
      ratings[n] = rating;
      n++;
    }
    this.users.length = n;
    this.movies.length = n;
    this.ratings.length = n;
    this.line = line;
  }

  finish(): ScannedLong {
    return { count: this.users.length, users: this.users.view(), movies: this.movies.view(), ratings: this.ratings.view() };
  }

  private slowId(buf: Uint8Array, start: number, end: number, line: number, cell: number, role: string): number {
    const raw = text(buf, start, end);
    const inner = unquote(raw);
    const id = /^\d+$/.test(inner) ? Number(inner) : NaN;
    if (!(id >= 1 && id <= MAX_ID)) throw dataError(messages.longBadId(this.file, line, cell + 1, role, raw));
    return id;
  }

  private slowRating(buf: Uint8Array, start: number, end: number, line: number, cell: number): number {
    const raw = text(buf, start, end);
    const inner = unquote(raw);
    if (!NUMBER_RE.test(inner)) throw dataError(messages.badRating(this.file, line, cell + 1, raw));
    return Number(inner);
  }
}

/** The end of the cell starting at `pos`: the next ',' or line end. */
function cellEnd(buf: Uint8Array, pos: number): number {
  let c = buf[pos];
  while (c !== COMMA && c !== NL && !(c === CR && buf[pos + 1] === NL) && pos < buf.length) c = buf[++pos];
  return pos;
}

function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.charCodeAt(0) === QUOTE && t.charCodeAt(t.length - 1) === QUOTE ? t.slice(1, -1).trim() : t;
}

function text(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
}
