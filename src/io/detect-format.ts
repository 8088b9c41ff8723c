import { messages } from '../messages.js';
import { dataError } from '../util/errors.js';
import { looksLikeLongHeader } from './long/long-columns.js';
import { cleanLine, detectLongLayout, splitCells } from './long/long-layout.js';
import { inspectInput, readChunks } from './open-input.js';

export type RatingsFormat = 'pivot' | 'netflix' | 'long';
export const ratingsFormats: readonly RatingsFormat[] = ['pivot', 'netflix', 'long'];

/**
 * The first line says it: a `Cust_Id,` header is the df_p pivot, `123:` a raw Netflix file; a long file is a
 * userId,movieId,rating header or a line of at least three numbers, split by , tab ; | or :: (long-layout.ts).
 */
export function detectFormatFromLine(firstLine: string): RatingsFormat | null {
  const cells = splitCells(firstLine, ',');
  if (cells.length >= 1 && cells[0] === 'Cust_Id') return 'pivot';
  if (cells.length === 1 && /^\d+:$/.test(cleanLine(firstLine).trim())) return 'netflix';
  const layout = detectLongLayout(firstLine);
  if (layout !== null && (layout.header ? looksLikeLongHeader(layout.cells) : true)) return 'long';
  return null;
}

/** Most of a first line this reads: a pivot header can be long, but its first cell decides. */
const HEAD_BYTES = 1 << 16;

/** Reads the start of the file (gunzipped if need be) and names its format; an unknown one is a data error. */
export async function detectFormat(path: string): Promise<RatingsFormat> {
  const input = await inspectInput(path);
  let head = Buffer.alloc(0);
  for await (const chunk of readChunks(input, HEAD_BYTES)) {
    head = Buffer.concat([head, chunk]);
    if (head.length >= HEAD_BYTES || head.includes(10)) break;
  }
  const nl = head.indexOf(10);
  const firstLine = head.subarray(0, nl < 0 ? Math.min(head.length, HEAD_BYTES) : nl).toString('utf8');
  const format = detectFormatFromLine(firstLine);
  if (format === null) throw dataError(messages.unknownFormat(path, firstLine));
  return format;
}
