import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { messages } from '../../src/messages.js';
import { clusterSpec } from '../../src/plot/heatmap-spec.js';
import { heatmapStyle } from '../../src/plot/heatmap-style.js';
import { drawHeatmaps, type HeatmapOptions } from '../../src/plot/heatmaps.js';
import { selectClusters } from '../../src/plot/select.js';
import { ExitCode, UserError } from '../../src/util/errors.js';
import { fixtureData } from '../support/data.js';
import { captureLog } from '../support/log.js';
import { tempDir } from '../helpers.js';
import { decodePng } from '../support/png.js';

const tmp = tempDir();
after(() => rmSync(tmp, { recursive: true, force: true }));

let dirs = 0;
function outDir(): string {
  const dir = join(tmp, `out-${dirs++}`);
  mkdirSync(dir);
  return dir;
}

const base = { maxUsers: 5, maxMovies: 4, minClusterSize: 4, scale: 1, spec: false };

describe('drawHeatmaps', () => {
  it('writes one PNG per drawn cluster and clusters.png, and says what it drew and skipped', async () => {
    const { data, labels, k } = fixtureData();
    const dir = outDir();
    const { log, lines } = captureLog();
    const report = await drawHeatmaps(data, data.matrix, 'ratings', labels, k, { ...base, outDir: dir }, log);

    assert.deepEqual(readdirSync(dir).sort(), ['cluster-0.png', 'cluster-1.png', 'clusters.png']);
    assert.deepEqual(lines, [
      'Cluster 0 - 6 customers (5 shown) x 4 movies',
      'Cluster 1 - 5 customers (5 shown) x 4 movies',
      messages.heatmapSkipped(2, 3, 4),
      messages.heatmapsWritten(['clusters.png', 'cluster-0.png', 'cluster-1.png'], dir),
    ]);
    assert.deepEqual(
      report.drawn.map((d) => [d.cluster, d.customersShown, d.moviesShown]),
      [
        [0, 5, 4],
        [1, 5, 4],
      ],
    );
    assert.deepEqual(report.skipped, [{ cluster: 2, size: 3 }]);
    assert.equal(report.combinedPath, join(dir, 'clusters.png'));
    const png = await decodePng(readFileSync(report.drawn[0].path));
    assert.deepEqual([png.width, png.height], [report.drawn[0].width, report.drawn[0].height]);
  });

  it('writes each spec beside its PNG with --spec', async () => {
    const { data, labels, k } = fixtureData();
    const dir = outDir();
    await drawHeatmaps(data, data.matrix, 'ratings', labels, k, { ...base, outDir: dir, spec: true }, captureLog().log);
    assert.deepEqual(readdirSync(dir).sort(), [
      'cluster-0.png',
      'cluster-0.vl.json',
      'cluster-1.png',
      'cluster-1.vl.json',
      'clusters.png',
      'clusters.vl.json',
    ]);
    const sels = selectClusters(data, data.matrix, labels, k, base).drawn;
    const written = JSON.parse(readFileSync(join(dir, 'cluster-1.vl.json'), 'utf8'));
    assert.deepEqual(written, JSON.parse(JSON.stringify(clusterSpec(sels[1], heatmapStyle('ratings', sels)))));
  });

  it('draws nothing, and says why, when every cluster is too small', async () => {
    const { data, labels, k } = fixtureData();
    const dir = outDir();
    const { log, lines } = captureLog();
    const report = await drawHeatmaps(
      data,
      data.matrix,
      'ratings',
      labels,
      k,
      { ...base, outDir: dir, minClusterSize: 10 },
      log,
    );
    assert.equal(report.combinedPath, null);
    assert.deepEqual(readdirSync(dir), []);
    assert.equal(lines.at(-1), messages.heatmapNothingDrawn(3, 10));
  });

  it('fails with exit 74 when a PNG cannot be put in place, and leaves no temporary or partial file', async () => {
    const { data, labels, k } = fixtureData();
    const dir = outDir();
    // a directory where cluster-1.png should go: the final rename fails
    mkdirSync(join(dir, 'cluster-1.png'));
    await assert.rejects(
      drawHeatmaps(data, data.matrix, 'ratings', labels, k, { ...base, outDir: dir }, captureLog().log),
      (err: unknown) =>
        err instanceof UserError &&
        err.exitCode === ExitCode.ioErr &&
        err.message.startsWith(`${join(dir, 'cluster-1.png')}: cannot write`),
    );
    const left = readdirSync(dir).sort();
    assert.deepEqual(
      left.filter((f) => f.endsWith('.tmp')),
      [],
    );
    // the others were written whole: each decodes
    for (const f of left.filter((f) => f !== 'cluster-1.png')) await decodePng(readFileSync(join(dir, f)));
  });

  it('creates a missing output folder, parents too, as mkdir -p does', async () => {
    const { data, labels, k } = fixtureData();
    const missing = join(tmp, 'no-such-dir', 'deeper');
    const report = await drawHeatmaps(
      data,
      data.matrix,
      'ratings',
      labels,
      k,
      { ...base, outDir: missing },
      captureLog().log,
    );
    assert.deepEqual(readdirSync(missing).sort(), ['cluster-0.png', 'cluster-1.png', 'clusters.png']);
    assert.deepEqual(
      report.files,
      ['clusters.png', 'cluster-0.png', 'cluster-1.png'].map((f) => join(missing, f)),
    );
  });

  it('refuses an output folder that is a file, or lies under one, exit 74, before drawing', async () => {
    const { data, labels, k } = fixtureData();
    const run = (options: HeatmapOptions) =>
      drawHeatmaps(data, data.matrix, 'ratings', labels, k, options, captureLog().log);
    const file = join(tmp, 'a-file');
    writeFileSync(file, '');
    await assert.rejects(
      run({ ...base, outDir: file }),
      (err: unknown) =>
        err instanceof UserError &&
        err.exitCode === ExitCode.ioErr &&
        err.message === messages.outDirNotDirectory(file),
    );
    const under = join(file, 'sub');
    await assert.rejects(
      run({ ...base, outDir: under }),
      (err: unknown) =>
        err instanceof UserError &&
        err.exitCode === ExitCode.ioErr &&
        err.message === messages.outDirCannotCreate(under, 'ENOTDIR'),
    );
  });

  it('leaves files of an earlier run with more clusters in place and names them, listing only its own', async () => {
    const { data, labels, k } = fixtureData();
    const dir = outDir();
    for (const f of ['cluster-7.png', 'cluster-7.vl.json', 'cluster-12.png', 'notes.txt'])
      writeFileSync(join(dir, f), 'old');
    const { log, lines } = captureLog();
    const report = await drawHeatmaps(data, data.matrix, 'ratings', labels, k, { ...base, outDir: dir }, log);
    assert.deepEqual(
      report.stale,
      ['cluster-7.png', 'cluster-7.vl.json', 'cluster-12.png'].map((f) => join(dir, f)),
    );
    assert.equal(lines.at(-1), messages.heatmapsStale(['cluster-7.png', 'cluster-7.vl.json', 'cluster-12.png'], dir));
    assert.equal(readFileSync(join(dir, 'cluster-7.png'), 'utf8'), 'old');
    assert.ok(readdirSync(dir).includes('notes.txt'));
  });

  it('draws what --select asks for and says so in each spec', async () => {
    const { data, labels, k } = fixtureData();
    const dir = outDir();
    await drawHeatmaps(
      data,
      data.matrix,
      'ratings',
      labels,
      k,
      { ...base, outDir: dir, spec: true, mode: 'sample', seed: 3 },
      captureLog().log,
    );
    const spec = JSON.parse(readFileSync(join(dir, 'cluster-0.vl.json'), 'utf8'));
    assert.equal(spec.title.subtitle[1], 'customers: 5 of 6 drawn at random (--select sample, seed 3)');
    const overview = JSON.parse(readFileSync(join(dir, 'clusters.vl.json'), 'utf8'));
    assert.match(overview.title.subtitle[0], /--select sample/);
    assert.equal(overview.title.subtitle.at(-1), messages.heatmapsNotDrawn([{ cluster: 2, size: 3 }], 4));
  });
});
