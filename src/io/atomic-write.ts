import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError } from '../util/errors.js';
import { messages } from '../messages.js';

const pendingTemps = new Set<string>();

/** Removes the temporary files of writes still in flight; the CLI calls it on SIGINT/SIGTERM and on failure. */
export async function removePendingTemps(): Promise<void> {
  await Promise.all([...pendingTemps].map((p) => rm(p, { force: true })));
  pendingTemps.clear();
}

/**
 * For SIGINT/SIGTERM: removes the temporary files synchronously, so that no await lets the interrupted command go
 * on (finish a write, rename it over the previous output, start the next temp file) before the process exits.
 */
export function removePendingTempsSync(): void {
  for (const p of pendingTemps) rmSync(p, { force: true });
  pendingTemps.clear();
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

/** Fails early, before any work, when the output's directory does not exist or is not a directory. */
export async function checkOutputPath(path: string): Promise<void> {
  const dir = dirname(path);
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw ioError(messages.outputDirMissing(path, dir));
  }
  if (!info.isDirectory()) throw ioError(messages.outputDirMissing(path, dir));
}

/** Writes a whole file through a temporary file in the same directory and a rename, so readers never see half of it. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  pendingTemps.add(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw ioError(messages.cannotWrite(path, (err as Error).message));
  } finally {
    pendingTemps.delete(tmp);
  }
}

/** A streamed atomic write: `write` chunks, then `commit` renames into place, or `abort` removes the temp file. */
export interface AtomicWriter {
  write(chunk: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export function openAtomicWriter(path: string): AtomicWriter {
  const tmp = tempPathFor(path);
  pendingTemps.add(tmp);
  const stream: WriteStream = createWriteStream(tmp);
  let failure: Error | null = null;
  stream.on('error', (err) => {
    failure = err;
  });
  const fail = async (err: Error): Promise<never> => {
    stream.destroy();
    await rm(tmp, { force: true });
    pendingTemps.delete(tmp);
    throw ioError(messages.cannotWrite(path, err.message));
  };
  return {
    async write(chunk) {
      if (failure) return fail(failure);
      if (!stream.write(chunk)) {
        // both listeners go once either fires: a long write waits for 'drain' hundreds of times
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => {
            stream.off('error', onError);
            resolve();
          };
          const onError = (err: Error) => {
            stream.off('drain', onDrain);
            reject(err);
          };
          stream.once('drain', onDrain);
          stream.once('error', onError);
        }).catch(fail);
      }
    },
    async commit() {
      if (failure) return fail(failure);
      await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve()))).catch(fail);
      try {
        await rename(tmp, path);
      } catch (err) {
        await fail(err as Error);
      }
      pendingTemps.delete(tmp);
    },
    async abort() {
      stream.destroy();
      await rm(tmp, { force: true });
      pendingTemps.delete(tmp);
    },
  };
}
