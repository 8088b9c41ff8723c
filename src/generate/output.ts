import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { openAtomicWriter } from '../io/atomic-write.js';
import { flushStdout, writeStdout } from '../io/stdout.js';
import type { ByteSink } from './pivot-writer.js';

/** A sink plus how to finish it: `commit` puts the file in place, `abort` leaves nothing behind. */
export interface PivotOutput {
  readonly sink: ByteSink;
  /** The output's name for messages ("stdout" for `-`). */
  readonly label: string;
  readonly gzip: boolean;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Opens where the pivot goes: stdout for `-` (or no path), else the file through a temporary file and a rename,
 * gzip-compressed (level 6) when the name ends with `.gz`.
 */
export function openPivotOutput(path: string | undefined, gzipLevel = 6): PivotOutput {
  if (path === undefined || path === '-') return stdoutOutput();
  const atomic = openAtomicWriter(path);
  if (!path.endsWith('.gz')) {
    return { sink: atomic, label: path, gzip: false, commit: () => atomic.commit(), abort: () => atomic.abort() };
  }
  const gz = createGzip({ level: gzipLevel, chunkSize: 1 << 20 });
  // compressed chunks go to the file as zlib (on the thread pool) makes them; the generator waits on 'drain'
  const pump = (async () => {
    for await (const chunk of gz) await atomic.write(chunk as Buffer);
  })();
  pump.catch(() => undefined);
  return {
    label: path,
    gzip: true,
    sink: {
      async write(chunk) {
        if (!gz.write(chunk)) await Promise.race([once(gz, 'drain'), pump]);
      },
    },
    async commit() {
      gz.end();
      await pump;
      await atomic.commit();
    },
    async abort() {
      gz.destroy();
      await pump.catch(() => undefined);
      await atomic.abort();
    },
  };
}

function stdoutOutput(): PivotOutput {
  return {
    label: 'stdout',
    gzip: false,
    // checked writes: `generate > /dev/full` is exit 74, not a silent loss
    sink: { write: (chunk) => writeStdout(chunk) },
    commit: () => flushStdout(),
    abort: async () => undefined,
  };
}
