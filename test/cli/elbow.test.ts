import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  assert.deepEqual(s.results.map((row: { k: number }) => row.k), [2, 3, 4]);
  assert.equal(s.rows, 240);
  assert.deepEqual(s.silhouette, { sampleSize: 10000, rows: 240, exact: true });
  for (const row of s.results) {
    const fit = JSON.parse(runCli(['fit', '--input', data, '--k', String(row.k), '--seed', '3', '--json', '--out', join(dir, `a${row.k}.csv`)]).stdout);
    assert.equal(row.inertia, fit.inertia, `k=${row.k}`);
    assert.equal(row.nIter, fit.nIter);
    assert.deepEqual(row.sizes, fit.sizes);
    for (const key of ['silhouette', 'daviesBouldin', 'calinskiHarabasz']) assert.equal(typeof row[key], 'number', key);
    assert.ok(row.silhouette > -1 && row.silhouette <= 1);
  }
});

test('a list of k is sorted; k = 1 has no scores (null) but an inertia; --matrix and --silhouette-sample pass through', () => {
  const r = runCli(['elbow', '--input', data, '--k', '3,1,2', '--matrix', 'binary', '--silhouette-sample', '100', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(s.results.map((row: { k: number }) => row.k), [1, 2, 3]);
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
  for (const section of ['## Data', '## Options', '## Choosing k', '## Reproduce']) assert.ok(md.includes(section), section);
  assert.ok(md.includes('![Inertia and silhouette against k](elbow.png)'));
  assert.ok(md.includes(`netflix-cluster elbow --input ${data} --k 2..4 --matrix ratings --seed 0`));
  assert.equal(md.match(/^\| [234] \| /gm)?.length, 3, 'one table row per k');
  assert.deepEqual(readdirSync(out).sort(), ['elbow.png', 'report.md'], 'no temporary files left');
});

interface BadRun {
  name: string;
  args: string[];
  code: number;
  message: string | RegExp;
}

const tiny = fixture('tiny.csv');
const badRuns: BadRun[] = [
  { name: 'empty k range', args: ['--input', tiny, '--k', '5..2'], code: 2, message: messages.emptyKRange(5, 2) },
  { name: 'k range from 0', args: ['--input', tiny, '--k', '0..3'], code: 2, message: messages.badKList('0..3') },
  { name: 'k not a range or list', args: ['--input', tiny, '--k', '2-5'], code: 2, message: messages.badKList('2-5') },
  { name: 'k list with a gap', args: ['--input', tiny, '--k', '2,,4'], code: 2, message: messages.badKList('2,,4') },
  { name: 'k above rows', args: ['--input', tiny, '--k', '2..7'], code: 2, message: messages.kTooLarge(7, 4) },
  { name: 'silhouette sample below 2', args: ['--input', tiny, '--silhouette-sample', '1'], code: 2, message: messages.tooSmall('--silhouette-sample', 1, 2) },
  { name: '--rows with --sample', args: ['--input', tiny, '--rows', '2', '--sample', '2'], code: 2, message: messages.rowsAndSample() },
  { name: 'unknown matrix', args: ['--input', tiny, '--matrix', 'dense'], code: 2, message: messages.badChoice('--matrix', 'dense', ['ratings', 'binary', 'centered']) },
  { name: 'missing input', args: ['--input', '/no/such.csv'], code: 66, message: messages.inputMissing('/no/such.csv') },
  { name: 'plot in a missing directory', args: ['--input', tiny, '--plot', '/no/dir/e.png'], code: 74, message: messages.outputDirMissing('/no/dir/e.png', '/no/dir') },
];

for (const bad of badRuns) {
  test(`bad elbow run: ${bad.name} -> exit ${bad.code}, one line, nothing written`, () => {
    const outDir = tempDir();
    const extra = bad.args.includes('--plot') ? [] : ['--plot', join(outDir, 'e.png')];
    const r = runCli(['elbow', ...bad.args, ...extra, '--report', join(outDir, 'r.md')]);
    assert.equal(r.code, bad.code, r.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    if (typeof bad.message === 'string') assert.equal(lines[0], `netflix-cluster: ${bad.message}`);
    else assert.match(lines[0], bad.message);
    assert.equal(r.stdout, '');
    assert.deepEqual(readdirSync(outDir), []);
  });
}
