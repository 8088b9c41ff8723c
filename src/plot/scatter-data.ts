import type { MovieCatalog } from '../io/titles/movie-catalog.js';
import type { RatingsData } from '../matrix/csr.js';
import { Rng, sampleIndices } from '../util/random.js';

/**
 * The points of the original's `draw_clusters`: each customer's average rating of one genre against another.
 */

/** A titles file's titles and genres (MovieLens movies.csv has genres; the Netflix titles do not). */
export type { MovieCatalog };

/** Every genre the catalogue names, in first-seen order. */
export function catalogGenres(catalog: MovieCatalog): string[] {
  const seen = new Set<string>();
  for (const list of catalog.genres?.values() ?? []) for (const g of list) seen.add(g);
  return [...seen];
}

/** The catalogue's spelling of `genre`, matched without regard to case, or null when it names no such genre. */
export function resolveGenre(catalog: MovieCatalog, genre: string): string | null {
  const want = genre.trim().toLowerCase();
  return catalogGenres(catalog).find((g) => g.toLowerCase() === want) ?? null;
}

export interface GenrePoints {
  /** Row (customer) of each kept point. */
  readonly rows: Int32Array;
  /** Mean rating of the customer over the movies of genre x (y), for the kept rows. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly customers: number;
  /** Customers left out because they rated no movie of genre x, of genre y, of either. */
  readonly noX: number;
  readonly noY: number;
  readonly noEither: number;
}

/**
 * Each customer's mean rating over the movies of each genre (the original's get_genre_ratings), from the raw
 * ratings in one pass. A customer with no rating in a genre has no mean there and is left out, and counted: the
 * original's NaN rows would have vanished from its scatter without a word.
 */
export function genrePoints(data: RatingsData, catalog: MovieCatalog, genreX: string, genreY: string): GenrePoints {
  const { nRows, rowPtr, colIdx, values } = data.matrix;
  const nCols = data.movieIds.length;
  // bit 1: the column is of genre x; bit 2: of genre y
  const inGenre = new Uint8Array(nCols);
  for (let col = 0; col < nCols; col++) {
    const list = catalog.genres?.get(data.movieIds[col]);
    if (!list) continue;
    if (list.includes(genreX)) inGenre[col] |= 1;
    if (list.includes(genreY)) inGenre[col] |= 2;
  }
  const rows: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  let noX = 0;
  let noY = 0;
  let noEither = 0;
  for (let i = 0; i < nRows; i++) {
    let sx = 0;
    let nx = 0;
    let sy = 0;
    let ny = 0;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) {
      const g = inGenre[colIdx[p]];
      if (g === 0) continue;
      const v = values === null ? 1 : values[p];
      if (g & 1) {
        sx += v;
        nx++;
      }
      if (g & 2) {
        sy += v;
        ny++;
      }
    }
    if (nx === 0) noX++;
    if (ny === 0) noY++;
    if (nx === 0 || ny === 0) {
      noEither++;
      continue;
    }
    rows.push(i);
    xs.push(sx / nx);
    ys.push(sy / ny);
  }
  return {
    rows: Int32Array.from(rows),
    x: Float64Array.from(xs),
    y: Float64Array.from(ys),
    customers: nRows,
    noX,
    noY,
    noEither,
  };
}

/**
 * Which of `n` points to draw: all of them up to `max`, else a seeded sample of `max` (ascending positions), so
 * a 480,000-customer plot stays a readable picture and the same seed draws the same points.
 */
export function pointSample(n: number, max: number, seed: number): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  return sampleIndices(new Rng(seed), n, max);
}
