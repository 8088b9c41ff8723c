import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { availableMemory, estimateReadMemory } from '../../src/io/memory-estimate.js';
import { readPivotRatingsCsv } from '../../src/io/pivot/pivot-csv.js';
import { fixture, runCli, tempDir } from '../helpers.js';

/** A generated pivot at the df_p density the estimate is calibrated on (300 customers x 500 movies). */
function pivotFile(dir: string): { path: string } {
  const path = join(dir, 'p.csv');
  const g = runCli(['generate', '--customers', '300', '--movies', '500', '--out', path, '--quiet']);
  assert.equal(g.code, 0, g.stderr);
  return { path };
}

test('at the df_p density the pivot estimate is close above the true count', async () => {
  const { path } = pivotFile(tempDir());
  const ratings = (await readPivotRatingsCsv(path)).matrix.colIdx.length;
  const e = await estimateReadMemory(path);
  assert.ok(e.ratings >= 0.9 * ratings && e.ratings < 1.5 * ratings, `${e.ratings} estimated, ${ratings} true`);
  assert.ok(e.bytes > e.ratings * 6, 'at least the CSR arrays');
  assert.equal(e.stopsEarly, true);
});

test('a dense pivot is sampled, not taken at the df_p density', async () => {
  const dir = tempDir();
  const path = join(dir, 'dense.csv');
  const rows = Array.from(
    { length: 2000 },
    (_, i) => `${i + 1},${Array.from({ length: 50 }, (_, j) => String(1 + ((i + j) % 5))).join(',')}`,
  );
  writeFileSync(path, `Cust_Id,${Array.from({ length: 50 }, (_, j) => j + 1).join(',')}\n${rows.join('\n')}\n`);
  const e = await estimateReadMemory(path);
  assert.ok(e.ratings >= 100_000 && e.ratings < 110_000, `${e.ratings} estimated, 100,000 true`);
});

test('the raw Netflix format does not stop early under --rows', async () => {
  const e = await estimateReadMemory(fixture('netflix/combined_data_1.txt'));
  assert.equal(e.stopsEarly, false);
});

test('--max-memory overrides the machine; without it, the machine (or the container limit)', () => {
  assert.equal(availableMemory(1234), 1234);
  assert.ok(availableMemory() <= totalmem() && availableMemory() > 0);
});

test('fit with too small --max-memory: exit 2, one line with the numbers and the ways out, nothing written', () => {
  const dir = tempDir();
  const { path } = pivotFile(dir);
  const r = runCli([
    'fit',
    '-i',
    path,
    '--max-memory',
    '1M',
    '-o',
    join(dir, 'a.csv'),
    '--save-model',
    join(dir, 'm.json'),
  ]);
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(
    lines[0],
    /^netflix-cluster: .*p\.csv: reading \d+ MB \(about [\d.]+ M ratings\) needs about \d+ MB of memory, more than the 1 MB --max-memory allows; read fewer customers with --rows N, or convert/,
  );
  assert.deepEqual(
    readdirSync(dir).filter((f) => f !== 'p.csv'),
    [],
  );
});

test('the same file fits a generous --max-memory, and --rows lifts the check for a pivot', () => {
  const dir = tempDir();
  const { path } = pivotFile(dir);
  assert.equal(runCli(['fit', '-i', path, '--max-memory', '1G', '-q', '-o', join(dir, 'a.csv')]).code, 0);
  assert.equal(
    runCli(['fit', '-i', path, '--rows', '50', '--max-memory', '1M', '-q', '-o', join(dir, 'b.csv')]).code,
    0,
  );
});

test('the reading commands check too: elbow, evaluate, heatmap (predict and recommend share the call)', () => {
  const tiny = fixture('tiny.csv');
  for (const args of [
    ['elbow', '-i', tiny, '-k', '1..2'],
    ['evaluate', '-i', tiny],
    ['heatmap', '--input', tiny, '--assignments', fixture('heatmap/assignments.csv'), '--out', tempDir()],
  ]) {
    const r = runCli([...args, '--max-memory', '1K']);
    assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
    assert.match(r.stderr, /--max-memory allows/);
  }
});

test('convert checks too, and does not suggest itself', () => {
  const dir = tempDir();
  const r = runCli(['convert', fixture('tiny.csv'), join(dir, 't.csr'), '--max-memory', '1K']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /read fewer customers with --rows N\n$/);
  assert.deepEqual(readdirSync(dir), []);
});

test('a bad --max-memory value is a usage error naming the flag', () => {
  const r = runCli(['fit', '-i', fixture('tiny.csv'), '--max-memory', 'lots']);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^netflix-cluster: --max-memory must be a size such as 512M, 8G or 1000000 \(bytes\), got "lots"\n$/,
  );
});
