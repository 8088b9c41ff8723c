import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { messages } from '../../src/messages.js';
import { fixture, runCliAsync, tempDir } from '../helpers.js';
import { decodePng } from '../support/png.js';

const tmp = tempDir();
after(() => rmSync(tmp, { recursive: true, force: true }));
const pivot = fixture('heatmap/pivot.csv');
const assignments = fixture('heatmap/assignments.csv');
const small = ['--min-cluster-size', '4', '--max-users', '5', '--max-movies', '4', '--scale', '1'];

/** `heatmap` of the fixture pivot into `out`, clusters from `clusters` (the fixture's assignments by default). */
const heatmap = (out: string, args: readonly string[], clusters = assignments) =>
  runCliAsync(['heatmap', '--input', pivot, '--assignments', clusters, '--out', out, ...args]);

let dirs = 0;
function outDir(): string {
  const dir = join(tmp, `out-${dirs++}`);
  mkdirSync(dir);
  return dir;
}

// each case spawns the built CLI; they run side by side
describe('netflix-cluster heatmap', { concurrency: true }, () => {
  it('draws the clusters of a pivot CSV from its assignments', async () => {
    const out = outDir();
    const run = await heatmap(out, small);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderr.trimEnd().split('\n'), [
      'Cluster 0 - 6 customers (5 shown) x 4 movies',
      'Cluster 1 - 5 customers (5 shown) x 4 movies',
      messages.heatmapSkipped(2, 3, 4),
      messages.heatmapsWritten(['clusters.png', 'cluster-0.png', 'cluster-1.png'], out),
    ]);
    assert.deepEqual(readdirSync(out).sort(), ['cluster-0.png', 'cluster-1.png', 'clusters.png']);
    const png = await decodePng(readFileSync(join(out, 'cluster-0.png')));
    assert.ok(png.width > 100 && png.height > 100);
  });

  it('labels movies by title and writes specs, quietly, for the binary matrix', async () => {
    const out = outDir();
    const run = await heatmap(out, [
      ...small,
      '--matrix',
      'binary',
      '--titles',
      fixture('heatmap/titles.csv'),
      '--spec',
      '--quiet',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const spec = JSON.parse(readFileSync(join(out, 'cluster-0.vl.json'), 'utf8'));
    assert.match(spec.encoding.x.axis.labelExpr, /Dinosaur Planet/);
    assert.deepEqual(spec.layer[0].encoding.color.scale.domain, ['rated']);
  });

  it('creates a missing output folder and draws --select distinctive', async () => {
    const out = join(tmp, 'missing-dir', 'sub');
    const run = await heatmap(out, [...small, '--select', 'distinctive', '--spec', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readdirSync(out).includes('clusters.png'));
    const spec = JSON.parse(readFileSync(join(out, 'cluster-1.vl.json'), 'utf8'));
    assert.equal(
      spec.title.subtitle[1],
      "customers: the 5 of 5 nearest the cluster's mean, those who rated none of these last (--select distinctive)",
    );
  });

  it('exits 2 naming the choices for an unknown --select', async () => {
    const run = await heatmap(outDir(), ['--select', 'best']);
    assert.equal(run.code, 2);
    assert.equal(
      run.stderr,
      `netflix-cluster: ${messages.badChoice('--select', 'best', ['densest', 'distinctive', 'sample'])}\n`,
    );
  });

  it('exits 65 naming file:line and the value for a bad cluster id, and leaves no PNG', async () => {
    const out = outDir();
    const bad = join(tmp, 'bad-assignments.csv');
    writeFileSync(bad, readFileSync(assignments, 'utf8').replace('\n97,0\n', '\n97,zero\n'));
    const run = await heatmap(out, small, bad);
    assert.equal(run.code, 65);
    assert.equal(run.stderr, `netflix-cluster: ${bad}:6: cluster "zero" is not a non-negative whole number\n`);
    assert.deepEqual(readdirSync(out), []);
  });

  it('exits 65 when the assignments and the data name different customers', async () => {
    const out = outDir();
    const fewer = join(tmp, 'fewer-assignments.csv');
    writeFileSync(fewer, readFileSync(assignments, 'utf8').replace('\n492,2\n', '\n'));
    const run = await heatmap(out, small, fewer);
    assert.equal(run.code, 65);
    assert.equal(run.stderr, `netflix-cluster: ${messages.customerWithoutCluster(pivot, 492, fewer, 0)}\n`);
    assert.deepEqual(readdirSync(out), []);
  });

  it('exits 2 on a bad option value', async () => {
    const out = outDir();
    const run = await heatmap(out, ['--scale', '100']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--scale=100 must be <= 8/);
    assert.ok(!existsSync(join(out, 'clusters.png')));
  });
});
