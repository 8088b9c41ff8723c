import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadImage } from 'canvas';
import { messages } from '../../src/messages.js';
import { ELBOW_PLOT_SIZE } from '../../src/plot/elbow-spec.js';
import { ELBOW_PLOT_SCALE } from '../../src/cli/elbow.js';
import { fixture, pivotCsv, plantedMatrix, runCli, tempDir } from '../helpers.js';

const dir = tempDir();
const data = join(dir, 'planted.csv');
writeFileSync(data, pivotCsv(plantedMatrix(240, 40, 0.25, 3, 2)));

test('--json: one result per k, each with the inertia fit reports for that k', () => {
  const r = runCli(['elbow', '--input', data, '--k', '2..4', '--seed', '3', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const s = JSON.parse(r.stdout);
  assert.deepEqual(
    s.results.map((row: { k: number }) => row.k),
    [2, 3, 4],
  );
  assert.equal(s.rows, 240);
  assert.deepEqual(s.silhouette, { sampleSize: 10000, rows: 240, exact: true });
  for (const row of s.results) {
    const fit = JSON.parse(
      runCli([
        'fit',
        '--input',
        data,
        '--k',
        String(row.k),
        '--seed',
        '3',
        '--json',
        '--out',
        join(dir, `a${row.k}.csv`),
      ]).stdout,
    );
    assert.equal(row.inertia, fit.inertia, `k=${row.k}`);
    assert.equal(row.nIter, fit.nIter);
    assert.deepEqual(row.sizes, fit.sizes);
    for (const key of ['silhouette', 'daviesBouldin', 'calinskiHarabasz']) assert.equal(typeof row[key], 'number', key);
    assert.ok(row.silhouette > -1 && row.silhouette <= 1);
  }
});

test('a list of k is sorted; k = 1 has no scores (null) but an inertia; --matrix and --silhouette-sample pass through', () => {
  const r = runCli([
    'elbow',
    '--input',
    data,
    '--k',
    '3,1,2',
    '--matrix',
    'binary',
    '--silhouette-sample',
    '100',
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(
    s.results.map((row: { k: number }) => row.k),
    [1, 2, 3],
  );
  assert.equal(s.results[0].silhouette, null);
  assert.equal(s.results[0].daviesBouldin, null);
  assert.ok(s.results[0].inertia > s.results[2].inertia);
  assert.equal(s.matrix, 'binary');
  assert.deepEqual(s.silhouette, { sampleSize: 100, rows: 100, exact: false });
});

test('the table is the result: on stdout, a line per k; the settings and times on stderr', () => {
  const r = runCli(['elbow', '--input', data, '--k', '2..5']);
  assert.equal(r.code, 0, r.stderr);
  const table = r.stdout.trimEnd().split('\n');
  assert.match(table[0], /^\s*k\s+inertia\s+silhouette\s+davies-bouldin\s+calinski-harabasz\s+iter\s+time$/);
  assert.equal(table.length, 5);
  for (const [i, k] of [2, 3, 4, 5].entries()) assert.match(table[i + 1], new RegExp(`^\\s*${k}\\s+\\d`));
  assert.match(r.stderr, new RegExp(messages.silhouetteExact(240).replace(/[()]/g, '\\$&')));
  assert.match(r.stderr, /^time {8}read /m);
  // -q silences stderr, not the result
  const quiet = runCli(['elbow', '--input', data, '--k', '2..5', '-q']);
  assert.equal(quiet.stderr, '');
  assert.equal(quiet.stdout.split('\n')[0], table[0]);
});

test('--plot writes a PNG that decodes at the chart size times the scale; --report links it', async () => {
  const out = tempDir();
  const plot = join(out, 'elbow.png');
  const report = join(out, 'report.md');
  const r = runCli(['elbow', '--input', data, '--k', '2..4', '--plot', plot, '--report', report, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const img = await loadImage(readFileSync(plot));
  assert.equal(img.width, ELBOW_PLOT_SIZE.width * ELBOW_PLOT_SCALE);
  assert.equal(img.height, ELBOW_PLOT_SIZE.height * ELBOW_PLOT_SCALE);
  const md = readFileSync(report, 'utf8');
  for (const section of ['## Data', '## Options', '## Choosing k', '## Reproduce'])
    assert.ok(md.includes(section), section);
  assert.ok(md.includes('![Inertia and silhouette against k](elbow.png)'));
  assert.ok(md.includes(`netflix-cluster elbow --input ${data} --k 2..4 --matrix ratings --seed 0`));
  assert.equal(md.match(/^\| [234] \| /gm)?.length, 3, 'one table row per k');
  assert.deepEqual(readdirSync(out).sort(), ['elbow.png', 'report.md'], 'no temporary files left');
});

test('elbow --plot and --report create their folders as mkdir -p does', () => {
  const base = tempDir();
  const plot = join(base, 'plots', 'deep', 'e.png');
  const report = join(base, 'reports', 'r.md');
  const r = runCli(['elbow', '--input', fixture('tiny.csv'), '--k', '2..3', '--plot', plot, '--report', report]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(plot) && existsSync(report));
});
