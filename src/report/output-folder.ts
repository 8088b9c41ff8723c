import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkOutputPath } from '../io/atomic-write.js';
import { messages } from '../messages.js';
import { ioError } from '../util/errors.js';

/**
 * Creates the folder of an output file (a report, a plot) when missing, as `mkdir -p` does, then checks it as every
 * output is checked: before the work, so a bad path fails in a second with exit 74.
 */
export async function ensureOutputFolder(path: string): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    // a file where a folder should be: EEXIST or ENOTDIR; checkOutputPath names it
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR')
      throw ioError(messages.outDirCannotCreate(dir, code ?? (err as Error).message));
  }
  await checkOutputPath(path);
}
