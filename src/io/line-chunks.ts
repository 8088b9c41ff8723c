import { inspectInput, readChunks, type InputInfo } from './open-input.js';

const NL = 10;
const NEWLINE = Buffer.from([NL]);

/**
 * Feeds a file to `scan` as runs of whole lines: scan(buf, start, end) always gets buf[end - 1] === '\n', so a
 * byte scanner can run to each line's end without bounds checks. A line cut by a chunk boundary is joined (only
 * that line is copied); a last line without '\n' gets one. A UTF-8 byte-order mark is skipped. `onChunk` gets the
 * running count of bytes read (after gunzip).
 */
export async function scanLines(
  input: InputInfo,
  scan: (buf: Uint8Array, start: number, end: number) => void,
  onChunk?: (bytes: number) => void,
): Promise<void> {
  let carry: Buffer | null = null;
  let bytes = 0;
  let first = true;
  for await (const chunk of readChunks(input)) {
    bytes += chunk.length;
    let pos = 0;
    if (first) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) pos = 3;
    }
    if (carry !== null) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const line = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
      carry = null;
      scan(line, 0, line.length);
      pos = nl + 1;
    }
    const last = chunk.lastIndexOf(NL);
    if (last >= pos) {
      scan(chunk, pos, last + 1);
      pos = last + 1;
    }
    if (pos < chunk.length) carry = Buffer.from(chunk.subarray(pos));
    onChunk?.(bytes);
  }
  if (carry !== null && carry.length > 0) {
    const line = Buffer.concat([carry, NEWLINE]);
    scan(line, 0, line.length);
  }
}

/** Checks every input up front (missing file: exit 66 before any work) and sums their sizes. */
export async function inspectAll(
  paths: readonly string[],
): Promise<{ inputs: InputInfo[]; bytes: number; gzip: boolean }> {
  const inputs: InputInfo[] = [];
  for (const path of paths) inputs.push(await inspectInput(path));
  return {
    inputs,
    bytes: inputs.reduce((sum, i) => sum + i.size, 0),
    gzip: inputs.some((i) => i.gzip),
  };
}
