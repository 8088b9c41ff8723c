import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ByteSink } from '../../src/io/block-sink.js';

/** The repository root, from dist/test/generate/. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const binPath = join(repoRoot, 'bin', 'netflix-cluster.js');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nc-gen-test-'));
}

export interface CliResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs the built binary as a user would (asynchronously, so several runs overlap). */
export function runCli(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { cwd: repoRoot, encoding: 'buffer', maxBuffer: 256 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr: stderr.toString('utf8') });
      },
    );
  });
}

/** A sink that keeps everything in memory. */
export class MemorySink implements ByteSink {
  private readonly chunks: Buffer[] = [];
  async write(chunk: Uint8Array): Promise<void> {
    this.chunks.push(Buffer.from(chunk));
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

export interface ParsedPivot {
  movieIds: number[];
  customerIds: number[];
  /** cells[i][j]: the cell text of customer i, movie column j. */
  cells: string[][];
}

/** A deliberately naive parser of the pivot text: split on newlines and commas. */
export function parsePivot(text: string): ParsedPivot {
  if (!text.endsWith('\n')) throw new Error('the file does not end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const header = lines[0].split(',');
  if (header[0] !== 'Cust_Id') throw new Error(`bad header start ${header[0]}`);
  const movieIds = header.slice(1).map(Number);
  const customerIds: number[] = [];
  const cells: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i].split(',');
    if (fields.length !== header.length)
      throw new Error(`line ${i + 1} has ${fields.length} fields, header ${header.length}`);
    customerIds.push(Number(fields[0]));
    cells.push(fields.slice(1));
  }
  return { movieIds, customerIds, cells };
}

/** The adjusted Rand index of two labelings. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const ra = new Map<number, number>();
  const rb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    ra.set(a[i], (ra.get(a[i]) ?? 0) + 1);
    rb.set(b[i], (rb.get(b[i]) ?? 0) + 1);
  }
  const c2 = (x: number) => (x * (x - 1)) / 2;
  let sij = 0;
  for (const v of table.values()) sij += c2(v);
  let sa = 0;
  for (const v of ra.values()) sa += c2(v);
  let sb = 0;
  for (const v of rb.values()) sb += c2(v);
  const expected = (sa * sb) / c2(n);
  return (sij - expected) / ((sa + sb) / 2 - expected);
}
