import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { messages } from '../messages.js';
import { dataError, noInputError, type UserError } from '../util/errors.js';

export interface InputInfo {
  readonly path: string;
  readonly size: number;
  readonly gzip: boolean;
}

/** The exit-66 error for an input that could not be opened or read: missing (or under a non-folder), or why not. */
export function inputFailure(path: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return noInputError(messages.inputMissing(path));
  return noInputError(messages.inputNotReadable(path, (err as Error).message));
}

/** Checks that the input exists, is a non-empty file, and sniffs gzip by its magic bytes (not its name). */
export async function inspectInput(path: string): Promise<InputInfo> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw inputFailure(path, err);
  }
  if (!info.isFile()) throw noInputError(messages.inputNotReadable(path, 'not a regular file'));
  if (info.size === 0) throw dataError(messages.inputEmpty(path));
  const head = Buffer.alloc(2);
  const fh = await open(path, 'r').catch((err: Error) => {
    throw noInputError(messages.inputNotReadable(path, err.message));
  });
  try {
    await fh.read(head, 0, 2, 0);
  } finally {
    await fh.close();
  }
  return { path, size: info.size, gzip: head[0] === 0x1f && head[1] === 0x8b };
}

/**
 * The file's bytes as a stream of chunks, gunzipped when it is gzip. zlib errors (a truncated or corrupt
 * stream) surface as a data error naming the file.
 */
export async function* readChunks(input: InputInfo, highWaterMark = 1 << 20): AsyncGenerator<Buffer> {
  const raw = createReadStream(input.path, { highWaterMark });
  const stream = input.gzip ? raw.pipe(createGunzip({ chunkSize: 1 << 18 })) : raw;
  if (input.gzip) raw.on('error', (err) => stream.destroy(err));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (input.gzip && (e.code?.startsWith('Z_') || /unexpected end|incorrect header|invalid/i.test(e.message))) {
      throw dataError(messages.badGzip(input.path, e.message));
    }
    throw noInputError(messages.inputNotReadable(input.path, e.message));
  } finally {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  }
}
