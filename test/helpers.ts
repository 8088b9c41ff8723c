import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fromDenseRows, makeColIdx, type CsrMatrix } from '../src/matrix/csr.js';
import { Rng } from '../src/util/random.js';

/** The repository root, from dist/test/helpers.js. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', name);
export const binPath = join(repoRoot, 'bin', 'netflix-cluster.js');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nc-test-'));
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary as a user would. */
export function runCli(args: string[], opts: { cwd?: string; input?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [binPath, ...args], {
    cwd: opts.cwd ?? repoRoot,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking: for CLI cases that run side by side (`describe(..., { concurrency: true })`). */
export async function runCliAsync(args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [binPath, ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export { fromDenseRows };

/**
 * A random sparse ratings matrix with `groups` planted taste groups: rows of group g rate movies of their own
 * third high. For tests that need realistic-looking data without the generator.
 */
export function plantedMatrix(nRows: number, nCols: number, density: number, groups: number, seed: number): CsrMatrix {
  const rng = new Rng(seed);
  const rowPtr = new Float64Array(nRows + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < nRows; i++) {
    const g = i % groups;
    for (let j = 0; j < nCols; j++) {
      // a group watches its own movies twice as often and rates them 4-5, the others 1-3
      const liked = j % groups === g;
      if (rng.next() >= (liked ? 2 * density : density)) continue;
      cols.push(j);
      vals.push(liked ? 4 + rng.int(2) : 1 + rng.int(3));
    }
    rowPtr[i + 1] = cols.length;
  }
  const colIdx = makeColIdx(nCols, cols.length);
  colIdx.set(cols);
  return { nRows, nCols, rowPtr, colIdx, values: Float32Array.from(vals) };
}

/** Writes a matrix as a df_p pivot CSV (customer ids 10, 20, ...; movie ids 1..nCols). */
export function pivotCsv(m: CsrMatrix): string {
  const lines = [['Cust_Id', ...Array.from({ length: m.nCols }, (_, j) => String(j + 1))].join(',')];
  for (let i = 0; i < m.nRows; i++) {
    const cells = new Array<string>(m.nCols).fill('');
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) cells[m.colIdx[p]] = m.values![p].toFixed(1);
    lines.push([String(10 * (i + 1)), ...cells].join(','));
  }
  return `${lines.join('\n')}\n`;
}
