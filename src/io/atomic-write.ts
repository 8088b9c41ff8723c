import { createWriteStream, rmSync, statSync, type WriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ioError } from '../util/errors.js';
import { messages } from '../messages.js';
import { writeFailure, writeFailureReason } from './write-failure.js';

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

/**
 * A device, pipe or socket (`/dev/null`, `/dev/full`, `/dev/stdout`, a FIFO) is written in place: a rename over it
 * would replace the device with a regular file, and there is nothing half-written for a reader to see.
 */
export function isSpecialFile(path: string): boolean {
  try {
    const info = statSync(path);
    return !info.isFile() && !info.isDirectory();
  } catch {
    return false;
  }
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
}

/**
 * Fails early, before any work, when `path` cannot be written: its folder is missing or not a folder, `path` is a
 * folder, or the folder refuses a new file (permission, read-only file system). The last is tried for real, with a
 * probe file created and removed at once: access(2) says yes to root on a read-only /sys, open(2) does not.
 */
export async function checkOutputPath(path: string): Promise<void> {
  const dir = dirname(path);
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw ioError(messages.outputDirMissing(path, dir));
  }
  if (!info.isDirectory()) throw ioError(messages.outputDirNotDirectory(path, dir));
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw ioError(messages.outputIsDirectory(path));
  // a device or a pipe is opened at write time (opening a FIFO now would wait for its reader)
  if (existing && !existing.isFile()) return;
  try {
    await probeWritable(dir, basename(path));
  } catch (err) {
    throw writeFailure(path, err);
  }
}

/**
 * The same for an output folder (`--heatmaps DIR`, `heatmap --out DIR`): made when missing, parents too, as
 * `mkdir -p` does (issue 15: `fit --heatmaps out/run1/` should not need a `mkdir` first), then probed. `describe`
 * turns a reason (`permission denied`) into the caller's message.
 */
export async function checkOutputDir(
  dir: string,
  describe: (reason: string) => string = (r) => messages.cannotWrite(dir, r),
): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) throw ioError(describe('not a directory'));
  try {
    if (!info) await mkdir(dir, { recursive: true });
    await probeWritable(dir, 'dir');
  } catch (err) {
    throw ioError(describe(writeFailureReason(err)));
  }
}

/** Creates and removes a file in `dir`: the only test of writability that holds for root and read-only mounts. */
async function probeWritable(dir: string, name: string): Promise<void> {
  const probe = join(dir, `.${name}.${process.pid}.probe`);
  try {
    const handle = await open(probe, 'wx');
    await handle.close();
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** Writes a whole file through a temporary file in the same directory and a rename, so readers never see half of it. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  if (isSpecialFile(path)) {
    await writeFile(path, data).catch((err: unknown) => {
      throw writeFailure(path, err);
    });
    return;
  }
  const tmp = tempPathFor(path);
  pendingTemps.add(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw writeFailure(path, err);
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
  const direct = isSpecialFile(path);
  const tmp = direct ? path : tempPathFor(path);
  if (!direct) pendingTemps.add(tmp);
  const stream: WriteStream = createWriteStream(tmp);
  let failure: Error | null = null;
  stream.on('error', (err) => {
    failure = err;
  });
  const fail = async (err: Error): Promise<never> => {
    stream.destroy();
    if (!direct) await rm(tmp, { force: true });
    pendingTemps.delete(tmp);
    throw writeFailure(path, err);
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
      await new Promise<void>((resolve, reject) =>
        stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
      ).catch(fail);
      if (failure) return fail(failure);
      if (direct) return;
      try {
        await rename(tmp, path);
      } catch (err) {
        await fail(err as Error);
      }
      pendingTemps.delete(tmp);
    },
    async abort() {
      stream.destroy();
      if (!direct) await rm(tmp, { force: true });
      pendingTemps.delete(tmp);
    },
  };
}
