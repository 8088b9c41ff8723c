import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { openAtomicWriter } from './atomic-write.js';

/** Where writers of big files send their blocks: a temporary file (gzipped or not) renamed into place on commit. */
export interface BlockSink {
  write(block: Buffer): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export function openBlockSink(path: string, options: { gzip: boolean; level?: number }): BlockSink {
  const writer = openAtomicWriter(path);
  if (!options.gzip) {
    return { write: (b) => writer.write(b), commit: () => writer.commit(), abort: () => writer.abort() };
  }
  const gz = createGzip({ level: options.level ?? 6, chunkSize: 1 << 20 });
  const pump = (async () => {
    for await (const chunk of gz) await writer.write(chunk as Buffer);
  })();
  pump.catch((err: Error) => gz.destroy(err));
  return {
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
