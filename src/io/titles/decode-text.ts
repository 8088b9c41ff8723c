import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A titles file's text. The Netflix Prize movie_titles.csv and MovieLens 100k's u.item are Latin-1; ml-latest's
 * movies.csv is UTF-8, and so is a Netflix file someone re-saved. UTF-8 is recognised without a byte-order mark:
 * bytes that decode as valid UTF-8 are read as UTF-8 (Latin-1 accented text essentially never does: "é" alone is
 * an invalid sequence), anything else as Latin-1. A UTF-8 BOM is dropped; UTF-16 is refused with its name rather
 * than read as the baffling "\u00ff\u00fe1\u0000".
 */
export function decodeText(path: string, bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return Buffer.from(bytes.subarray(3)).toString('utf8');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw dataError(messages.titlesUtf16(path));
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}
