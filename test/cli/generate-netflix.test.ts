import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/messages.js';
import { runCli, tempDir } from '../helpers.js';

test('generate --format netflix writes the raw download; fit on that folder clusters the same matrix as fit on its pivot', () => {
  const dir = tempDir();
  const raw = join(dir, 'raw');
  const g = runCli([
    'generate',
    '--format',
    'netflix',
    '--ratings',
    '60000',
    '--customers',
    '3000',
    '--movies',
    '400',
    '--seed',
    '3',
    '--out',
    raw,
    '--quiet',
  ]);
  assert.equal(g.code, 0, g.stderr);
  assert.deepEqual(readdirSync(raw).sort(), [
    'combined_data_1.txt',
    'combined_data_2.txt',
    'combined_data_3.txt',
    'combined_data_4.txt',
    'movie_titles.csv',
  ]);
  assert.match(readFileSync(join(raw, 'combined_data_1.txt'), 'latin1'), /^1:\n\d+,[1-5],\d{4}-\d\d-\d\d\n/);
  const pivot = join(dir, 'df_p.csv');
  const p = runCli([
    'pivot',
    ...['1', '2', '3', '4'].map((n) => join(raw, `combined_data_${n}.txt`)),
    '--out',
    pivot,
    '--quiet',
  ]);
  assert.equal(p.code, 0, p.stderr);
  const fromRaw = runCli(['fit', '--input', raw, '--k', '3', '--quiet']);
  const fromPivot = runCli(['fit', '--input', pivot, '--k', '3', '--quiet']);
  assert.equal(fromRaw.code, 0, fromRaw.stderr);
  assert.ok(fromRaw.stdout.split('\n').length > 100);
  assert.equal(fromRaw.stdout, fromPivot.stdout);
});

test('generate --format netflix needs an output folder', () => {
  const r = runCli(['generate', '--format', 'netflix', '--ratings', '100']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), `netflix-cluster: ${messages.netflixNeedsOutDir()}`);
});
