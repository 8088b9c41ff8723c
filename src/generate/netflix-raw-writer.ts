import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { openBlockSink } from '../io/block-sink.js';
import { writeUint } from '../util/ascii.js';
import { Rng } from '../util/random.js';
import type { RawRatingArrays } from './netflix-raw-data.js';
import { syntheticNetflixRatings, type NetflixLikeOptions } from './netflix-raw-data.js';
import { netflixPrize } from './netflix-prize.js';
import { syntheticMovieTitles, type MovieTitle } from './netflix-titles.js';

const NL = 10;
const COMMA = 44;
const COLON = 58;
const BLOCK = 1 << 22;

/** The Prize data's dates: 1999-11-11 to 2005-12-31. */
const FIRST_DAY = Date.UTC(1999, 10, 11);
const LAST_DAY = Date.UTC(2005, 11, 31);
const DAY_MS = 86_400_000;

export interface RawWriteOptions {
  /** How many combined_data_*.txt files to split the movies over (default 4, as the Prize data). */
  readonly files?: number;
  /** Write combined_data_N.txt.gz instead. */
  readonly gzip?: boolean;
}

/**
 * Writes ratings as the Prize's `combined_data_1.txt` ... `combined_data_N.txt` in `dir`: per movie a `MovieID:`
 * line, then `CustomerID,Rating,Date` lines, movies ascending and split into files of about equal size in
 * contiguous movie ranges. Dates are drawn from `rng`, denser in later years as in the real data. Ratings need not
 * come grouped; they are bucketed by movie first. Each file is written atomically. Returns the paths (fewer than
 * `files` when there are fewer movies).
 */
export async function writeNetflixRawFiles(
  dir: string,
  data: RawRatingArrays,
  rng: Rng,
  options: RawWriteOptions = {},
): Promise<string[]> {
  const nFiles = Math.max(1, options.files ?? netflixPrize.files);
  const order = groupByMovie(data.movie);
  const n = order.length;
  const days = dateTable();
  const paths: string[] = [];
  const state = { p: 0, movie: -1 };
  // with fewer movies than files the last files would be empty, which no reader accepts: they are not written
  for (let f = 0; f < nFiles && state.p < n; f++) {
    const path = join(dir, `combined_data_${f + 1}.txt${options.gzip ? '.gz' : ''}`);
    paths.push(path);
    // this file takes whole movies until it holds its share of the ratings; the last one takes the rest
    const until = f === nFiles - 1 ? n : Math.round(((f + 1) * n) / nFiles);
    state.movie = -1;
    const sink = openBlockSink(path, { gzip: options.gzip ?? false });
    try {
      while (state.p < n && (state.movie === -1 || state.p < until || data.movie[order[state.p]] === state.movie)) {
        const buf = Buffer.allocUnsafe(BLOCK);
        const end = fillBlock(buf, data, order, until, state, days, rng);
        await sink.write(buf.subarray(0, end));
      }
      await sink.commit();
    } catch (err) {
      await sink.abort();
      throw err;
    }
  }
  return paths;
}

/**
 * `movie_titles.csv` as the Prize ships it: `MovieID,YearOfRelease,Title`, no header, no quoting (so titles keep
 * their commas and quotes), `NULL` for an unknown year, encoded in ISO-8859-1.
 */
export async function writeMovieTitles(path: string, titles: readonly MovieTitle[]): Promise<void> {
  const text = titles.map((t) => `${t.id},${t.year ?? 'NULL'},${t.title}\n`).join('');
  await writeFileAtomic(path, Buffer.from(text, 'latin1'));
}

export interface SyntheticRawOptions extends NetflixLikeOptions, RawWriteOptions {
  readonly seed?: number;
}

/**
 * `generate --format netflix` in one call: synthetic ratings, the combined_data files and movie_titles.csv in
 * `dir`, all from one seed (the same seed writes the same bytes).
 */
export async function writeSyntheticNetflixRaw(
  dir: string,
  options: SyntheticRawOptions = {},
): Promise<{ files: string[]; titles: string; ratings: number }> {
  const rng = new Rng(options.seed ?? 0);
  const data = syntheticNetflixRatings(rng.fork(), options);
  const files = await writeNetflixRawFiles(dir, data, rng.fork(), options);
  const titles = join(dir, 'movie_titles.csv');
  await writeMovieTitles(titles, syntheticMovieTitles(rng.fork(), options.movies ?? netflixPrize.maxMovieId));
  return { files, titles, ratings: data.movie.length };
}

/**
 * Fills `buf` with lines from rating order[state.p] on, until the buffer is nearly full or the file is done (a file
 * opens with a movie, never splits one, and stops at `until`). Returns the bytes written; advances `state`.
 */
function fillBlock(
  buf: Buffer,
  data: RawRatingArrays,
  order: Int32Array,
  until: number,
  state: { p: number; movie: number },
  days: Uint8Array,
  rng: Rng,
): number {
  const { movie: movies, customer, rating } = data;
  const n = order.length;
  const nDays = days.length / 10;
  const limit = buf.length - 64;
  let p = state.p;
  let movie = state.movie;
  let pos = 0;
  while (pos < limit && p < n) {
    const i = order[p];
    const m = movies[i];
    if (m !== movie) {
      if (movie !== -1 && p >= until) break;
      movie = m;
      pos = writeUint(buf, pos, m);
      buf[pos++] = COLON;
      buf[pos++] = NL;
    }
    pos = writeUint(buf, pos, customer[i]);
    buf[pos++] = COMMA;
    pos = writeUint(buf, pos, rating[i]);
    buf[pos++] = COMMA;
    // later days are likelier: the square root of a uniform has a density growing linearly
    const d = Math.min(nDays - 1, Math.floor(nDays * Math.sqrt(rng.nextUint32() / 4294967296))) * 10;
    for (let k = 0; k < 10; k++) buf[pos++] = days[d + k];
    buf[pos++] = NL;
    p++;
  }
  state.p = p;
  state.movie = movie;
  return pos;
}

/** Rating indices ordered by movie (stable), by counting sort. */
function groupByMovie(movie: Int32Array): Int32Array {
  let max = 0;
  for (let i = 0; i < movie.length; i++) if (movie[i] > max) max = movie[i];
  const start = new Float64Array(max + 2);
  for (let i = 0; i < movie.length; i++) start[movie[i] + 1]++;
  for (let m = 0; m <= max; m++) start[m + 1] += start[m];
  const order = new Int32Array(movie.length);
  for (let i = 0; i < movie.length; i++) order[start[movie[i]]++] = i;
  return order;
}

/** The ASCII bytes of every day from FIRST_DAY to LAST_DAY, 10 per day. */
function dateTable(): Uint8Array {
  const nDays = (LAST_DAY - FIRST_DAY) / DAY_MS + 1;
  const out = new Uint8Array(nDays * 10);
  for (let d = 0; d < nDays; d++)
    out.set(Buffer.from(new Date(FIRST_DAY + d * DAY_MS).toISOString().slice(0, 10), 'latin1'), d * 10);
  return out;
}
