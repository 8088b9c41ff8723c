import { readFile } from 'node:fs/promises';
import { messages } from '../../messages.js';
import { dataError, noInputError } from '../../util/errors.js';

/**
 * Reads the Netflix Prize movie_titles.csv: `MovieID,YearOfRelease,Title`, ISO-8859-1, no quoting, so the title is
 * everything after the second comma (titles contain commas); the year may be NULL. A header line naming MovieID is
 * skipped. Any other malformed line is a data error naming file:line.
 */
export async function readMovieTitles(path: string): Promise<Map<number, string>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw noInputError(messages.inputMissing(path));
    throw noInputError(messages.inputNotReadable(path, (err as Error).message));
  }
  const titles = new Map<number, string>();
  const lines = decodeTitles(path, bytes).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (line === '') continue;
    const first = line.indexOf(',');
    const second = first < 0 ? -1 : line.indexOf(',', first + 1);
    const idText = first < 0 ? line : line.slice(0, first);
    if (i === 0 && /^\s*"?MovieID"?\s*$/i.test(idText)) continue;
    const lineNo = i + 1;
    if (second < 0) throw dataError(messages.titlesBadLine(path, lineNo, 'expected MovieID,YearOfRelease,Title'));
    const id = /^\d+$/.test(idText) ? Number(idText) : NaN;
    if (!Number.isSafeInteger(id) || id < 1) {
      throw dataError(messages.titlesBadLine(path, lineNo, `MovieID ${JSON.stringify(idText)} is not a positive whole number`));
    }
    const year = line.slice(first + 1, second);
    if (!/^(\d{4}|NULL)$/.test(year)) {
      throw dataError(messages.titlesBadLine(path, lineNo, `YearOfRelease ${JSON.stringify(year)} is not a year or NULL`));
    }
    if (titles.has(id)) throw dataError(messages.titlesDuplicate(path, lineNo, id));
    titles.set(id, line.slice(second + 1));
  }
  return titles;
}

/**
 * The Prize file is Latin-1 with no byte-order mark. A UTF-8 BOM means someone re-saved it as UTF-8 (Excel does):
 * that is accepted and decoded as UTF-8, so the BOM does not end up in the first MovieID. UTF-16 is refused with
 * its name rather than the baffling "MovieID \"\u00ff\u00fe1\u0000\"" the Latin-1 decoding would give.
 */
function decodeTitles(path: string, bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw dataError(messages.titlesUtf16(path));
  }
  return bytes.toString('latin1');
}
