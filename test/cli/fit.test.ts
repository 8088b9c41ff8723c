import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMinSupport } from '../../src/cli/shared-options.js';
import { messages } from '../../src/messages.js';
import { spawnSync } from 'node:child_process';
import { binPath, fixture, pivotCsv, plantedMatrix, runCli, tempDir } from '../helpers.js';

const dir = tempDir();
const data = join(dir, 'planted.csv');
writeFileSync(data, pivotCsv(plantedMatrix(300, 50, 0.2, 3, 1)));

/** `fit` on the planted data; `smallHeatmaps` keeps drawn heatmaps to 20 customers at half scale. */
const fitData = (args: readonly string[]) => runCli(['fit', '--input', data, ...args]);
const smallHeatmaps = ['--max-users', '20', '--scale', '0.5'];

function parseAssignments(csv: string): Map<number, number> {
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'Cust_Id,cluster');
  return new Map(lines.slice(1).map((l) => l.split(',').map(Number) as [number, number]));
}

test('fit writes Cust_Id,cluster to stdout and the summary to stderr', () => {
  const r = fitData(['--k', '3', '--seed', '1']);
  assert.equal(r.code, 0, r.stderr);
  const labels = parseAssignments(r.stdout);
  assert.equal(labels.size, 300);
  assert.deepEqual([...new Set(labels.values())].sort(), [0, 1, 2]);
  assert.match(r.stderr, /matrix +ratings, 300 customers x 50 movies/);
  assert.match(r.stderr, /k-means +k=3 +seed=1/);
  assert.match(r.stderr, /iterations, converged, inertia/);
});

test('--json prints one object with the documented fields; --out gets the assignments', () => {
  const out = join(dir, 'a.csv');
  const r = fitData(['--k', '3', '--json', '--out', out, '--matrix', 'binary']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  for (const key of [
    'k',
    'rows',
    'cols',
    'nnz',
    'matrix',
    'seed',
    'inertia',
    'nIter',
    'converged',
    'sizes',
    'timingsMs',
  ]) {
    assert.ok(key in s, key);
  }
  assert.equal(s.matrix, 'binary');
  assert.equal(s.rows, 300);
  assert.equal(
    s.sizes.reduce((a: number, b: number) => a + b, 0),
    300,
  );
  assert.equal(parseAssignments(readFileSync(out, 'utf8')).size, 300);
});

test('the same seed gives byte-identical output; --quiet silences stderr', () => {
  const a = fitData(['--k', '4', '--seed', '9', '--quiet']);
  const b = fitData(['--k', '4', '--seed', '9', '--quiet']);
  assert.equal(a.stdout, b.stdout);
  assert.equal(a.stderr, '');
});

test('--save-model writes centres, movie ids and options', () => {
  const model = join(dir, 'model.json');
  const r = fitData(['--k', '3', '--save-model', model, '--quiet', '--out', join(dir, 'm.csv')]);
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(readFileSync(model, 'utf8'));
  assert.equal(m.format, 'netflix-cluster-model');
  assert.equal(m.centers.length, 3);
  assert.equal(m.centers[0].length, 50);
  assert.deepEqual(m.movieIds.slice(0, 3), [1, 2, 3]);
  assert.equal(m.matrix, 'ratings');
  assert.equal(m.options.seed, 0);
});

test('--engine ml-kmeans gives the same clusters as the sparse engine from the same seed', () => {
  const a = JSON.parse(fitData(['--k', '3', '--tol', '0', '--json', '--out', join(dir, 's.csv')]).stdout);
  const b = JSON.parse(
    fitData(['--k', '3', '--tol', '0', '--json', '--out', join(dir, 'd.csv'), '--engine', 'ml-kmeans']).stdout,
  );
  assert.deepEqual(readFileSync(join(dir, 's.csv'), 'utf8'), readFileSync(join(dir, 'd.csv'), 'utf8'));
  assert.ok(Math.abs(a.inertia - b.inertia) <= 1e-9 * a.inertia);
});

test('--rows and --sample pick customers', () => {
  const rows = parseAssignments(fitData(['--k', '2', '--rows', '20', '--quiet']).stdout);
  assert.deepEqual(
    [...rows.keys()],
    Array.from({ length: 20 }, (_, i) => 10 * (i + 1)),
  );
  const s1 = fitData(['--k', '2', '--sample', '25', '--seed', '3', '--quiet']).stdout;
  const s2 = fitData(['--k', '2', '--sample', '25', '--seed', '3', '--quiet']).stdout;
  assert.equal(parseAssignments(s1).size, 25);
  assert.equal(s1, s2);
});

test('fit | head: a pipe closed early is not an error', () => {
  const big = join(dir, 'big.csv');
  writeFileSync(big, pivotCsv(plantedMatrix(20000, 20, 0.3, 2, 4)));
  const r = spawnSync(
    'bash',
    [
      '-c',
      `"${process.execPath}" "${binPath}" fit --input "${big}" --k 2 --quiet | head -2; echo "status \${PIPESTATUS[0]}" >&2`,
    ],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(r.stdout.split('\n')[0], 'Cust_Id,cluster');
  assert.match(r.stderr, /^status 0$/m);
  assert.doesNotMatch(r.stderr, /EPIPE|Error/);
});

test('the bad-data run leaves an existing output file untouched', () => {
  const outDir = tempDir();
  const out = join(outDir, 'keep.csv');
  writeFileSync(out, 'previous\n');
  const r = runCli(['fit', '--input', fixture('bad/pivot/too-few-cells.csv'), '--out', out]);
  assert.equal(r.code, 65);
  assert.equal(readFileSync(out, 'utf8'), 'previous\n');
  assert.ok(existsSync(out));
});

test('fit --heatmaps draws one PNG per cluster and clusters.png, with the title lines on stderr', () => {
  const out = tempDir();
  const r = fitData(['--k', '3', '--heatmaps', out, '--out', join(dir, 'h.csv'), '--max-users', '20', '--scale', '1']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), ['cluster-0.png', 'cluster-1.png', 'cluster-2.png', 'clusters.png']);
  assert.match(r.stderr, /^Cluster 0 - \d+ customers \(20 shown\) x 50 movies$/m);
  assert.match(r.stderr, /heatmaps \d+\.\d\d s/);
});

test('fit --heatmaps and --report create their folders as mkdir -p does', () => {
  const base = tempDir();
  const heat = join(base, 'new', 'heat');
  const report = join(base, 'other', 'deep', 'report.md');
  const r = fitData([
    '--k',
    '3',
    '--heatmaps',
    heat,
    '--report',
    report,
    '--out',
    join(dir, 'mk.csv'),
    ...smallHeatmaps,
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(heat).sort(), ['cluster-0.png', 'cluster-1.png', 'cluster-2.png', 'clusters.png']);
  assert.ok(existsSync(report));
});

test('fit --heatmaps under a file fails before any work (exit 74, one line)', () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  const r = fitData(['--k', '3', '--heatmaps', join(file, 'sub'), '--out', join(dir, 'x.csv')]);
  assert.equal(r.code, 74);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  assert.ok(r.stderr.startsWith(`netflix-cluster: ${join(file, 'sub')}: cannot write heatmaps: `), r.stderr);
  assert.ok(!existsSync(join(dir, 'x.csv')));
});

test('a rerun with fewer clusters removes nothing, and its report and summary list exactly its own files', () => {
  const heat = join(tempDir(), 'heat');
  const common = ['--heatmaps', heat, '--out', join(dir, 'rerun.csv'), ...smallHeatmaps, '--seed', '1'];
  assert.equal(fitData([...common, '--k', '3', '--quiet']).code, 0);
  const report = join(heat, 'report.md');
  const r = fitData([...common, '--k', '2', '--json', '--report', report, '--min-cluster-size', '1']);
  assert.equal(r.code, 0, r.stderr);
  // cluster-2.png is the first run's: still there, named as such, and not this run's
  assert.deepEqual(readdirSync(heat).sort(), [
    'cluster-0.png',
    'cluster-1.png',
    'cluster-2.png',
    'clusters.png',
    'report.md',
  ]);
  const s = JSON.parse(r.stdout);
  assert.deepEqual(
    s.heatmaps.files,
    ['clusters.png', 'cluster-0.png', 'cluster-1.png'].map((f) => join(heat, f)),
  );
  assert.deepEqual(s.heatmaps.stale, [join(heat, 'cluster-2.png')]);
  assert.ok(r.stderr.includes(messages.heatmapsWritten(['clusters.png', 'cluster-0.png', 'cluster-1.png'], heat)));
  assert.ok(r.stderr.includes(messages.heatmapsStale(['cluster-2.png'], heat)));
  const md = readFileSync(report, 'utf8');
  assert.deepEqual(md.match(/\]\([^)]*\.png\)/g), ['](clusters.png)', '](cluster-0.png)', '](cluster-1.png)']);
  assert.ok(md.includes('Left from an earlier run in the same folder and not part of this one: `cluster-2.png`.'));
});

test('the report names the clusters not drawn and why', () => {
  const heat = join(tempDir(), 'heat');
  const report = join(heat, 'report.md');
  const r = fitData([
    '--k',
    '3',
    '--heatmaps',
    heat,
    '--report',
    report,
    '--out',
    join(dir, 'nd.csv'),
    ...smallHeatmaps,
    '--min-cluster-size',
    '1000',
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const sizes: number[] = JSON.parse(r.stdout).sizes;
  const list = sizes.map((n, c) => `cluster ${c} (${n} customers)`).join(', ');
  assert.ok(
    readFileSync(report, 'utf8').includes(
      `Not drawn, having fewer than \`--min-cluster-size\` 1000 customers: ${list}.`,
    ),
  );
});

test('fit shows cluster profiles on stderr and in --json; --report writes Markdown with the reproducing command', () => {
  const report = join(dir, 'report.md');
  const r = fitData(['--k', '3', '--json', '--out', join(dir, 'p.csv'), '--min-support', '5', '--report', report]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.profiles.clusters.length, 3);
  assert.equal(s.profiles.minSupport, 5);
  assert.equal(
    s.profiles.clusters.reduce((a: number, c: { size: number }) => a + c.size, 0),
    300,
  );
  const md = readFileSync(report, 'utf8');
  for (const section of ['## Data', '## Options', '## Result', '## Reproduce'])
    assert.ok(md.includes(section), section);
  assert.match(md, /netflix-cluster fit --input \S+planted\.csv --k 3 --matrix ratings --seed 0/);
  const text = fitData(['--k', '3', '--out', join(dir, 'p2.csv')]).stderr;
  assert.match(text, /^cluster 0 +\d+ customers \(\d+\.\d%\) +\d+\.\d ratings each +mean rating \d\.\d\d$/m);
  assert.match(text, new RegExp(`highest rated \\(rated by >= ${defaultMinSupport} of its customers\\)`));
  assert.doesNotMatch(fitData(['--k', '3', '--no-profiles', '--out', join(dir, 'p3.csv')]).stderr, /highest rated/);
});
