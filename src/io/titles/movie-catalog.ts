import { readFile } from 'node:fs/promises';
import { assertUnreachable } from '../../util/errors.js';
import { inputFailure } from '../open-input.js';
import { decodeText } from './decode-text.js';
import {
  isDatLine,
  isItemLine,
  isMoviesCsvHeader,
  parseDatFile,
  parseItemFile,
  parseMoviesCsv,
} from './movielens-titles.js';
import { parseNetflixTitles } from './netflix-titles.js';

/** What a titles file says about the movies: their titles and, where the file has them, their genres. */
export interface MovieCatalog {
  readonly titles: Map<number, string>;
  /** Each movie's genres (possibly none), or null when the file has no genres (the Netflix titles). */
  readonly genres: Map<number, readonly string[]> | null;
}

export type CatalogFormat = 'netflix' | 'movielens-csv' | 'movielens-item' | 'movielens-dat';

/** The format of a titles file, from its first line: ml-latest's header, a u.item or movies.dat line, else Netflix's. */
export function detectCatalogFormat(firstLine: string): CatalogFormat {
  if (isMoviesCsvHeader(firstLine)) return 'movielens-csv';
  if (isItemLine(firstLine)) return 'movielens-item';
  if (isDatLine(firstLine)) return 'movielens-dat';
  return 'netflix';
}

/**
 * Reads any titles file `--titles` accepts, told from its content: the Netflix Prize movie_titles.csv
 * (`MovieID,YearOfRelease,Title`), ml-latest's movies.csv (`movieId,title,genres`), 100k's u.item (`|` and genre
 * flags) or 1M/10M's movies.dat (`id::title::genres`). UTF-8 or Latin-1 (decode-text.ts), LF or CRLF. Bad lines are data errors naming file:line.
 */
export async function readMovieCatalog(path: string): Promise<MovieCatalog> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw inputFailure(path, err);
  }
  const lines = decodeText(path, bytes)
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const format = detectCatalogFormat(lines[0] ?? '');
  switch (format) {
    case 'movielens-csv':
      return parseMoviesCsv(path, lines);
    case 'movielens-item':
      return parseItemFile(path, lines);
    case 'movielens-dat':
      return parseDatFile(path, lines);
    case 'netflix':
      return { titles: parseNetflixTitles(path, lines), genres: null };
    default:
      return assertUnreachable(format);
  }
}
