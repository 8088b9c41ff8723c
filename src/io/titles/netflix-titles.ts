import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';

/**
 * The Netflix Prize movie_titles.csv: `MovieID,YearOfRelease,Title`, no quoting, so the title is everything after
 * the second comma (titles contain commas); the year may be NULL. A header line naming MovieID is skipped. Any
 * other malformed line is a data error naming file:line.
 */
export function parseNetflixTitles(path: string, lines: readonly string[]): Map<number, string> {
  const titles = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const first = line.indexOf(',');
    const second = first < 0 ? -1 : line.indexOf(',', first + 1);
    const idText = first < 0 ? line : line.slice(0, first);
    if (i === 0 && /^\s*"?MovieID"?\s*$/i.test(idText)) continue;
    const lineNo = i + 1;
    if (second < 0) throw dataError(messages.titlesBadLine(path, lineNo, 'expected MovieID,YearOfRelease,Title'));
    const id = /^\d+$/.test(idText) ? Number(idText) : NaN;
    if (!Number.isSafeInteger(id) || id < 1) {
      throw dataError(
        messages.titlesBadLine(path, lineNo, `MovieID ${JSON.stringify(idText)} is not a positive whole number`),
      );
    }
    const year = line.slice(first + 1, second);
    if (!/^(\d{4}|NULL)$/.test(year)) {
      throw dataError(
        messages.titlesBadLine(path, lineNo, `YearOfRelease ${JSON.stringify(year)} is not a year or NULL`),
      );
    }
    if (titles.has(id)) throw dataError(messages.titlesDuplicate(path, lineNo, id));
    titles.set(id, line.slice(second + 1));
  }
  return titles;
}
