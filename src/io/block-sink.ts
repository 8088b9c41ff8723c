import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { openAtomicWriter } from './atomic-write.js';
import { flushStdout, StdoutClosed, stdoutClosed, writeStdout } from './stdout.js';

/** Where a writer sends its bytes, a block at a time: a file, a gzip stream, stdout or a test's array. */
export interface ByteSink {
  write(block: Uint8Array): Promise<void>;
}

/**
 * The one output of writers of big files: stdout, or a temporary file (gzipped or not) renamed into place on
 * `commit`; `abort` leaves nothing behind.
 */
export interface BlockSink extends ByteSink {
  /** The output's name for messages ("stdout" for `-`). */
  readonly label: string;
  readonly gzip: boolean;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface BlockSinkOptions {
  /** gzip the file; default: when its name ends in .gz (any case). Ignored for stdout. */
  readonly gzip?: boolean;
  /** zlib level 1..9, default 6. */
  readonly level?: number;
}

/** `-` is stdout. */
export function openBlockSink(path: string, options: BlockSinkOptions = {}): BlockSink {
  if (path === '-') return stdoutSink();
  const writer = openAtomicWriter(path);
  const gzip = options.gzip ?? /\.gz$/i.test(path);
  if (!gzip) {
    return {
      label: path,
      gzip,
      write: (b) => writer.write(b),
      commit: () => writer.commit(),
      abort: () => writer.abort(),
    };
  }
  const gz = createGzip({ level: options.level ?? 6, chunkSize: 1 << 20 });
  // compressed chunks go to the file as zlib (on the thread pool) makes them
  const pump = (async () => {
    for await (const chunk of gz) await writer.write(chunk as Buffer);
  })();
  pump.catch((err: Error) => gz.destroy(err));
  return {
    label: path,
    gzip,
    async write(block) {
      // a failed write (disk full) ends the pump: racing it keeps a stalled gzip from waiting for 'drain' forever
      if (!gz.write(block)) await Promise.race([once(gz, 'drain'), pump]);
    },
    async commit() {
      gz.end();
      await pump;
      await writer.commit();
    },
    async abort() {
      gz.destroy();
      await pump.catch(() => {});
      await writer.abort();
    },
  };
}

function stdoutSink(): BlockSink {
  return {
    label: 'stdout',
    gzip: false,
    // checked writes: `generate > /dev/full` is exit 74, not a silent loss; `generate | head` stops the writer
    async write(block) {
      if (stdoutClosed()) throw new StdoutClosed();
      await writeStdout(block);
    },
    commit: () => flushStdout(),
    abort: async () => undefined,
  };
}
