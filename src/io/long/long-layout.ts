import { NUMBER_RE } from '../cell-text.js';

/**
 * How a long ratings file lays out its lines, told from its first line: the delimiter and whether that line is a
 * header. Real files come as MovieLens ships them: ml-latest's `userId,movieId,rating,timestamp` (a header, commas),
 * 100k's `u.data`/`u1.base` (`196\t242\t3\t881250949`: tabs, no header), 1M/10M's `ratings.dat`
 * (`1::1193::5::978300760`), and `;` or `|` from spreadsheets and databases.
 */
export type LongDelimiter = ',' | '\t' | ';' | '|' | '::';

export interface LongLayout {
  readonly delimiter: LongDelimiter;
  /** False when the first line is data (its first three cells are numbers): columns are then taken by position. */
  readonly header: boolean;
  /** The first line's cells (BOM, CR, spaces and quotes removed). */
  readonly cells: readonly string[];
}

/** The one-byte delimiters, in the order that breaks a tie (a tab never occurs inside a cell by accident). */
const SINGLE: readonly LongDelimiter[] = ['\t', ';', '|', ','];

/** The line without a UTF-8 byte-order mark or a trailing CR. */
export function cleanLine(line: string): string {
  let text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return text;
}

/** Cells of a line split at `delimiter`, with surrounding spaces and double quotes removed. */
export function splitCells(line: string, delimiter: LongDelimiter): string[] {
  return cleanLine(line)
    .split(delimiter)
    .map((c) =>
      c
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    );
}

/**
 * The delimiter is `::` when the line holds it, else whichever of tab ; | , occurs most (ties: that order); a line
 * with none of them is one cell, never a long file. The line is data rather than a header when its first three
 * cells are numbers (`4,31,2.5,1260000005`).
 */
export function detectLongLayout(firstLine: string): LongLayout | null {
  const text = cleanLine(firstLine);
  let delimiter: LongDelimiter | null = text.includes('::') ? '::' : null;
  if (delimiter === null) {
    let best = 0;
    for (const d of SINGLE) {
      const n = text.split(d).length - 1;
      if (n > best) {
        best = n;
        delimiter = d;
      }
    }
  }
  if (delimiter === null) return null;
  const cells = splitCells(text, delimiter);
  const header = !(cells.length >= 3 && cells.slice(0, 3).every((c) => NUMBER_RE.test(c)));
  return { delimiter, header, cells };
}
