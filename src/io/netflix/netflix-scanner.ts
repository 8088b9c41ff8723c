import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';
import { Growable } from '../../util/growable.js';
import type { RatingRange } from '../../matrix/rating-range.js';
import { Byte } from '../../util/ascii.js';
import { StoredId } from '../cell-text.js';

/** The shortest valid rating line, "1,1,2005-01-01\n": bounds how many ratings a chunk can add. */
const MIN_RATING_LINE = 15;

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a real calendar day (Gregorian leap years). Shared by the fast and the slow path so they agree. */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m === 2 && d === 29) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= DAYS_IN_MONTH[m];
}

/** What a scan of the Netflix Prize files collected: one entry per rating, movies as runs (the files group by movie). */
export interface ScannedNetflix {
  readonly count: number;
  /** The customer id of each rating. */
  readonly customers: Int32Array;
  readonly ratings: Uint8Array;
  /** Run r holds the ratings [runStart[r], runStart[r+1]) of movie runMovie[r]; runStart has one more entry. */
  readonly runMovie: Int32Array;
  readonly runStart: Float64Array;
}

/**
 * Scans `combined_data_*.txt` bytes: `MovieID:` lines, each followed by `CustomerID,Rating,Date` lines. Ratings go
 * into typed arrays (4 + 1 bytes each) and the movie of a rating is implied by its run, so 100 M ratings take about
 * 500 MB. The fast path validates every byte without building a string; anything odd drops into `fail`, which
 * re-reads the line as text to say exactly what is wrong.
 */
export class NetflixScanner {
  private file = '';
  private line = 0;
  /** The movie of the current run in this file; -1 before the file's first `MovieID:` line. */
  private movie = -1;
  private readonly lo: number;
  private readonly hi: number;
  private readonly customers: Growable<Int32Array>;
  private readonly ratings: Growable<Uint8Array>;
  private readonly runMovie = new Growable(Int32Array, 1024);
  private readonly runStart = new Growable(Float64Array, 1024);

  constructor(range: RatingRange, capacityHint: number) {
    if (!(range.min >= 0 && range.max <= 255)) throw dataError(messages.netflixRatingRange(range.min, range.max));
    this.lo = range.min;
    this.hi = range.max;
    this.customers = new Growable(Int32Array, capacityHint);
    this.ratings = new Growable(Uint8Array, capacityHint);
  }

  get ratingCount(): number {
    return this.customers.length;
  }

  /** Each file must open with its own `MovieID:` line. */
  startFile(file: string): void {
    this.file = file;
    this.line = 0;
    this.movie = -1;
  }

  /** Scans the whole lines in buf[start, end); buf[end - 1] must be '\n', which keeps every read below in bounds. */
  scan(buf: Uint8Array, start: number, end: number): void {
    // every stored rating used at least MIN_RATING_LINE bytes, so one reservation covers the chunk
    const room = Math.floor((end - start) / MIN_RATING_LINE) + 1;
    this.customers.reserve(room);
    this.ratings.reserve(room);
    const cust = this.customers.data;
    const rat = this.ratings.data;
    const lo = this.lo;
    const hi = this.hi;
    let n = this.customers.length;
    let line = this.line;
    let movie = this.movie;
    let pos = start;

    while (pos < end) {
      line++;
      const lineStart = pos;
      let c = buf[pos];
      if (c === Byte.NL) {
        pos++;
        continue;
      }
      if (c === Byte.CR && buf[pos + 1] === Byte.NL) {
        pos += 2;
        continue;
      }
      let id = 0;
      while (c >= Byte.ZERO && c <= Byte.NINE) {
        id = id * 10 + (c - Byte.ZERO);
        c = buf[++pos];
      }
      const idOk = pos > lineStart && id >= 1 && id <= StoredId.MAX;

      if (c === Byte.COMMA && idOk && movie >= 0) {
        c = buf[++pos];
        const ratingStart = pos;
        let r = 0;
        while (c >= Byte.ZERO && c <= Byte.NINE) {
          r = r * 10 + (c - Byte.ZERO);
          c = buf[++pos];
        }
        if (c !== Byte.COMMA || pos === ratingStart || r < lo || r > hi) this.fail(buf, lineStart, line, movie);
        pos++;
        // YYYY-MM-DD: each test reads one byte and stops at the first miss, so it never passes the line's '\n'
        const y0 = buf[pos] - Byte.ZERO;
        const y1 = buf[pos + 1] - Byte.ZERO;
        const y2 = buf[pos + 2] - Byte.ZERO;
        const y3 = buf[pos + 3] - Byte.ZERO;
        if (!(
          y0 >= 0 &&
          y0 <= 9 &&
          y1 >= 0 &&
          y1 <= 9 &&
          y2 >= 0 &&
          y2 <= 9 &&
          y3 >= 0 &&
          y3 <= 9 &&
          buf[pos + 4] === Byte.DASH
        )) {
          this.fail(buf, lineStart, line, movie);
        }
        const m0 = buf[pos + 5] - Byte.ZERO;
        const m1 = buf[pos + 6] - Byte.ZERO;
        if (!(m0 >= 0 && m0 <= 9 && m1 >= 0 && m1 <= 9 && buf[pos + 7] === Byte.DASH))
          this.fail(buf, lineStart, line, movie);
        const d0 = buf[pos + 8] - Byte.ZERO;
        const d1 = buf[pos + 9] - Byte.ZERO;
        if (!(d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9)) this.fail(buf, lineStart, line, movie);
        if (!isValidDate(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1))
          this.fail(buf, lineStart, line, movie);
        pos += 10;
        c = buf[pos];
        if (c === Byte.CR) c = buf[++pos];
        if (c !== Byte.NL) this.fail(buf, lineStart, line, movie);
        pos++;
        cust[n] = id;
        rat[n] = r;
        n++;
      } else if (c === Byte.COLON && idOk) {
        c = buf[++pos];
        if (c === Byte.CR) c = buf[++pos];
        if (c !== Byte.NL) this.fail(buf, lineStart, line, movie);
        pos++;
        movie = id;
        this.runMovie.push(id);
        this.runStart.push(n);
      } else {
        this.fail(buf, lineStart, line, movie);
      }
    }
    this.customers.length = n;
    this.ratings.length = n;
    this.line = line;
    this.movie = movie;
  }

  /** Ends the scan; the arrays are views of the grown buffers (no copy: at 100 M ratings a copy is 500 MB more). */
  finish(): ScannedNetflix {
    const runStart = new Float64Array(this.runStart.length + 1);
    runStart.set(this.runStart.view());
    runStart[this.runStart.length] = this.customers.length;
    return {
      count: this.customers.length,
      customers: this.customers.view(),
      ratings: this.ratings.view(),
      runMovie: this.runMovie.trimmed(),
      runStart,
    };
  }

  /** The slow path: re-reads the line as text and throws the message for its first fault. */
  private fail(buf: Uint8Array, lineStart: number, line: number, movie: number): never {
    let lineEnd = lineStart;
    while (lineEnd < buf.length && buf[lineEnd] !== Byte.NL) lineEnd++;
    let text = Buffer.from(buf.buffer, buf.byteOffset + lineStart, lineEnd - lineStart).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const file = this.file;
    const cells = text.split(',');
    if (cells.length === 3) {
      const [customer, rating, date] = cells;
      if (!isId(customer)) throw dataError(messages.netflixBadCustomerId(file, line, customer));
      if (movie < 0) throw dataError(messages.netflixRatingBeforeMovie(file, line, text));
      const r = /^\d+$/.test(rating) ? Number(rating) : NaN;
      if (!(r >= this.lo && r <= this.hi))
        throw dataError(messages.netflixBadRating(file, line, rating, this.lo, this.hi));
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3])))
        throw dataError(messages.netflixBadDate(file, line, date));
    } else if (cells.length === 1 && text.endsWith(':')) {
      throw dataError(messages.netflixBadMovieId(file, line, text.slice(0, -1)));
    }
    throw dataError(messages.netflixMalformedLine(file, line, text));
  }
}

function isId(text: string): boolean {
  if (!/^\d+$/.test(text)) return false;
  const id = Number(text);
  return id >= 1 && id <= StoredId.MAX;
}
