import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';

export interface ParsedCatalog {
  readonly titles: Map<number, string>;
  readonly genres: Map<number, readonly string[]>;
}

/** MovieLens 100k's genre columns of u.item, in order (its u.genre file); "unknown" counts as no genre. */
export const itemGenres = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;
/** movie id | title | release date | video release date | IMDb URL | 19 genre flags. */
export const ITEM_FIELDS = 5 + itemGenres.length;

/** ml-latest's movies.csv says a movie has no genre so. */
const NO_GENRES = '(no genres listed)';

/** True for the header of ml-latest's movies.csv (`movieId,title,genres`, any case, quoted or not). */
export function isMoviesCsvHeader(line: string): boolean {
  const cells = splitCsvLine(line);
  return (
    cells !== null && cells.length >= 2 && cells[0].toLowerCase() === 'movieid' && cells[1].toLowerCase() === 'title'
  );
}

/** True for a line of u.item: 24 `|`-separated fields, the last 19 of them 0 or 1. */
export function isItemLine(line: string): boolean {
  const fields = line.split('|');
  return fields.length === ITEM_FIELDS && fields.slice(5).every((f) => f === '0' || f === '1');
}

/**
 * ml-latest's movies.csv: `movieId,title,genres` with RFC 4180 quoting (`"American President, The (1995)"`,
 * `""` for a quote inside), genres separated by `|`. Line 1 is the header.
 */
export function parseMoviesCsv(path: string, lines: readonly string[]): ParsedCatalog {
  const header = splitCsvLine(lines[0]) ?? [];
  const genreAt = header.findIndex((c) => c.toLowerCase() === 'genres');
  return parseCatalogLines(path, lines, 1, (line, lineNo) => {
    const cells = splitCsvLine(line);
    if (cells === null)
      throw dataError(
        messages.titlesBadLine(path, lineNo, `unbalanced double quotes in ${JSON.stringify(line.slice(0, 60))}`),
      );
    if (cells.length !== header.length) {
      throw dataError(
        messages.titlesBadLine(
          path,
          lineNo,
          `expected ${header.length} fields (${header.join(',')}), got ${cells.length}`,
        ),
      );
    }
    const list = genreAt < 0 || cells[genreAt] === NO_GENRES || cells[genreAt] === '' ? [] : cells[genreAt].split('|');
    return { idText: cells[0], title: cells[1], genres: list };
  });
}

/** True for a line of 1M/10M's movies.dat: `id::title::genres`. */
export function isDatLine(line: string): boolean {
  return /^\d+::.*::[^:]*$/.test(line);
}

/** MovieLens 1M/10M's movies.dat: `1::Toy Town (1995)::Animation|Children's|Comedy`, no header, no quoting. */
export function parseDatFile(path: string, lines: readonly string[]): ParsedCatalog {
  return parseCatalogLines(path, lines, 0, (line, lineNo) => {
    const first = line.indexOf('::');
    const last = line.lastIndexOf('::');
    if (first < 0 || last === first)
      throw dataError(messages.titlesBadLine(path, lineNo, 'expected MovieID::Title::Genres'));
    const list = line.slice(last + 2);
    return {
      idText: line.slice(0, first),
      title: line.slice(first + 2, last),
      genres: list === '' || list === NO_GENRES ? [] : list.split('|'),
    };
  });
}

/** MovieLens 100k's u.item: `id|title|release date|video date|IMDb URL|` then 19 genre flags, no header. */
export function parseItemFile(path: string, lines: readonly string[]): ParsedCatalog {
  return parseCatalogLines(path, lines, 0, (line, lineNo) => {
    const fields = line.split('|');
    if (!isItemLine(line)) {
      throw dataError(
        messages.titlesBadLine(
          path,
          lineNo,
          `expected ${ITEM_FIELDS} |-separated fields (id|title|date|video date|URL|19 genre flags), got ${fields.length}`,
        ),
      );
    }
    const list: string[] = [];
    for (let g = 1; g < itemGenres.length; g++) if (fields[5 + g] === '1') list.push(itemGenres[g]);
    return { idText: fields[0], title: fields[1], genres: list };
  });
}

/** One line of a catalog file as its format says it: the movie id's text, the title, the genres. */
interface CatalogLine {
  readonly idText: string;
  readonly title: string;
  readonly genres: readonly string[];
}

/**
 * The loop every catalog format shares: lines from `firstLine` on, blank ones skipped, each read by `parseLine`
 * (which throws on a line its format does not allow), then the id checked and a second use of it refused.
 */
function parseCatalogLines(
  path: string,
  lines: readonly string[],
  firstLine: number,
  parseLine: (line: string, lineNo: number) => CatalogLine,
): ParsedCatalog {
  const titles = new Map<number, string>();
  const genres = new Map<number, readonly string[]>();
  for (let i = firstLine; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const lineNo = i + 1;
    const movie = parseLine(line, lineNo);
    const id = movieId(path, lineNo, movie.idText);
    if (titles.has(id)) throw dataError(messages.titlesDuplicate(path, lineNo, id));
    titles.set(id, movie.title);
    genres.set(id, movie.genres);
  }
  return { titles, genres };
}

function movieId(path: string, lineNo: number, text: string): number {
  const id = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw dataError(
      messages.titlesBadLine(path, lineNo, `movie id ${JSON.stringify(text)} is not a positive whole number`),
    );
  }
  return id;
}

/** One CSV line's fields, quotes resolved (RFC 4180); null when a quoted field does not end on this line. */
export function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    if (line.charCodeAt(pos) === 34) {
      let value = '';
      let p = pos + 1;
      for (;;) {
        const q = line.indexOf('"', p);
        if (q < 0) return null;
        value += line.slice(p, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          p = q + 2;
          continue;
        }
        pos = q + 1;
        break;
      }
      out.push(value);
      if (pos >= line.length) return out;
      if (line.charCodeAt(pos) !== 44) return null;
      pos++;
    } else {
      const comma = line.indexOf(',', pos);
      if (comma < 0) {
        out.push(line.slice(pos));
        return out;
      }
      out.push(line.slice(pos, comma));
      pos = comma + 1;
    }
  }
}
