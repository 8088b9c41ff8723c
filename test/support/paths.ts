import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: tests run compiled from dist/test/..., fixtures stay in test/fixtures. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const fixture = (...parts: string[]) => join(repoRoot, 'test', 'fixtures', ...parts);

export const binPath = join(repoRoot, 'bin', 'netflix-cluster.js');

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'nc-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
