import { parse } from 'csv-parse/sync';
import { messages } from '../messages.js';
import { dataError } from '../util/errors.js';
import { inspectInput, readChunks } from './open-input.js';

export interface MovieTitle {
  readonly id: number;
  /** Year of release; null where the file says NULL. */
  readonly year: number | null;
  readonly title: string;
}

/**
 * Reads the Netflix Prize `movie_titles.csv` (`MovieID,YearOfRelease,Title`) into movie id -> title. The original
 * has no header; a first line naming MovieID (a re-saved copy) is skipped. Plain or gzip.
 */
export async function readMovieTitles(path: string): Promise<Map<number, string>> {
  const input = await inspectInput(path);
  const chunks: Buffer[] = [];
  for await (const chunk of readChunks(input)) chunks.push(chunk);
  // the file is ISO-8859-1 ("Amélie"); read as UTF-8 its accented letters would turn into U+FFFD
  const text = Buffer.concat(chunks).toString('latin1');
  return new Map(parseMovieTitles(text, path).map((m) => [m.id, m.title]));
}

/**
 * Parses the file's text. Titles are not quoted although many contain commas, so the title is everything after
 * the second comma. Quoting is switched off for that reason; a title wholly wrapped in quotes (a re-saved file
 * that did quote) is unwrapped.
 */
export function parseMovieTitles(text: string, file: string): MovieTitle[] {
  const records = parse(text, {
    quote: false,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { info: { lines: number }; record: string[] }[];
  const out: MovieTitle[] = [];
  const firstLine = new Map<number, number>();
  for (const { info, record } of records) {
    const line = info.lines;
    if (out.length === 0 && /^\s*"?MovieID"?\s*$/i.test(record[0])) continue;
    if (record.length < 3) throw dataError(messages.movieTitlesBadLine(file, line, record.join(',')));
    const [rawId, rawYear] = record;
    const id = /^\s*\d+\s*$/.test(rawId) ? Number(rawId) : NaN;
    if (!Number.isSafeInteger(id) || id < 1) throw dataError(messages.movieTitlesBadId(file, line, rawId));
    const yearText = rawYear.trim();
    if (yearText !== 'NULL' && !/^\d{4}$/.test(yearText)) throw dataError(messages.movieTitlesBadYear(file, line, rawYear));
    const seen = firstLine.get(id);
    if (seen !== undefined) throw dataError(messages.movieTitlesDuplicate(file, line, id, seen));
    firstLine.set(id, line);
    out.push({ id, year: yearText === 'NULL' ? null : Number(yearText), title: unwrapQuotes(record.slice(2).join(',').trim()) });
  }
  return out;
}

function unwrapQuotes(title: string): string {
  if (title.length >= 2 && title.startsWith('"') && title.endsWith('"')) return title.slice(1, -1).replace(/""/g, '"');
  return title;
}
