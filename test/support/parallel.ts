/** Helpers for the tests of the parallel reader, the worker-thread runner and CSR files. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePivot, generateRatings } from '../../src/generate/index.js';
import { openBlockSink } from '../../src/io/block-sink.js';
import type { RatingsData } from '../../src/matrix/csr.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const binPath = join(repoRoot, 'bin', 'netflix-cluster.js');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nc-par-'));
}

/** Small generated data: a few thousand customers, enough for several BLOCK_ROWS blocks. */
export function smallRatings(customers: number, seed: number, movies = 240): RatingsData {
  return generateRatings({ customers, movies, density: 0.08, seed, groups: 5 }).data;
}

/** The same generation as a pivot CSV file. */
export async function writeSmallPivot(path: string, customers: number, seed: number, movies = 240): Promise<void> {
  const out = openBlockSink(path);
  await generatePivot({ customers, movies, density: 0.08, seed, groups: 5 }, out);
  await out.commit();
}

/** Byte-for-byte equality of two typed arrays (so -0, NaN payloads and the last bit all count). */
export function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength || a.constructor !== b.constructor) return false;
  return (
    Buffer.compare(
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    ) === 0
  );
}

/** A compiled test fixture next to this file, by name (dist/test/support/<name>.js). */
export function supportUrl(name: string): URL {
  return new URL(`./${name}.js`, import.meta.url);
}
