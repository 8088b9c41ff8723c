import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { messages } from '../messages.js';
import { noInputError, UserError } from '../util/errors.js';

/** `--input -`: the ratings come on standard input. */
export const STDIN_PATH = '-';

/**
 * Runs `read` on a private copy of standard input. The readers need a file: they detect the format from the
 * first bytes and then read from the start, the pivot reader cuts the file into parts for its threads, and gzip is
 * told by its magic bytes. So the stream is spooled to a temp file (removed afterwards, whatever happens), and
 * every message about it names `-` as the file, as the user typed it.
 */
export async function withStdinFile<T>(
  read: (path: string) => Promise<T>,
  stdin: Readable = process.stdin,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'netflix-cluster-stdin-'));
  const path = join(dir, 'stdin');
  try {
    try {
      await pipeline(stdin, createWriteStream(path));
    } catch (err) {
      throw noInputError(messages.inputNotReadable(STDIN_PATH, (err as Error).message));
    }
    return await read(path);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(err.message.split(path).join(STDIN_PATH), err.exitCode);
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
