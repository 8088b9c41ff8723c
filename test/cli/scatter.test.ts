import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runScatter, type ScatterCliOptions } from '../../src/cli/scatter.js';
import { messages } from '../../src/messages.js';
import { ExitCode, UserError } from '../../src/util/errors.js';
import { runCliAsync, tempDir } from '../helpers.js';
import { decodePng } from '../support/png.js';
import { catalog } from '../support/genres.js';

const tmp = tempDir();
after(() => rmSync(tmp, { recursive: true, force: true }));

// the ratings of test/plot/scatter-data.test.ts as a pivot CSV, with two clusters
const pivot = join(tmp, 'pivot.csv');
writeFileSync(pivot, 'Cust_Id,1,2,3,4\n1,4,2,,\n2,5,,3,\n3,,,,5\n4,3,,,4\n5,,1,5,\n');
const assignments = join(tmp, 'assignments.csv');
writeFileSync(assignments, 'Cust_Id,cluster\n1,0\n2,1\n3,0\n4,1\n5,1\n');
const deps = { readCatalog: async () => catalog };

function options(extra: Partial<ScatterCliOptions>): ScatterCliOptions {
  return {
    input: pivot,
    k: 2,
    seed: 0,
    init: 'k-means++',
    nInit: 1,
    maxIter: 300,
    tol: 1e-4,
    matrix: 'ratings',
    ratingRange: { min: 1, max: 5 },
    out: join(tmp, 'x.png'),
    maxPoints: 5000,
    scale: 1,
    quiet: true,
    titles: 'movies.csv',
    x: 'Sci-Fi',
    y: 'Romance',
    threads: 1,
    ...extra,
  };
}

// exactly rank 2, one customer without ratings (test/plot/scatter-svd.test.ts): coordinates (6, 2), (6, -2), (2, 0)
const rank2 = join(tmp, 'rank2.csv');
writeFileSync(rank2, 'Cust_Id,1,2,3,4\n1,4,2,4,2\n2,,,,\n3,2,4,2,4\n4,1,1,1,1\n');
const rank2Assignments = join(tmp, 'rank2-assignments.csv');
writeFileSync(rank2Assignments, 'Cust_Id,cluster\n1,0\n2,0\n3,1\n4,2\n');

describe('netflix-cluster scatter', { concurrency: true }, () => {
  it('plots genre averages with the clusters of --assignments into a new folder, spec beside the PNG', async () => {
    const out = join(tmp, 'new', 'folder', 'genres.png');
    await runScatter(options({ assignments: assignments, out, spec: true }), [], deps);
    const spec = JSON.parse(readFileSync(join(tmp, 'new', 'folder', 'genres.vl.json'), 'utf8'));
    assert.deepEqual(
      spec.data.values.map((p: { c: number; k: string }) => [p.c, p.k]),
      [
        [1, '0'],
        [2, '1'],
        [5, '1'],
      ],
    );
    assert.equal(spec.title.subtitle.at(-1), `clusters: ${assignments}`);
    const png = await decodePng(readFileSync(out));
    assert.ok(png.width > 500 && png.height > 500);
  });

  it("fits the clusters with fit's options when no --assignments is given, and matches genres without regard to case", async () => {
    const out = join(tmp, 'fitted.png');
    await runScatter(options({ out, spec: true, x: 'sci-fi', y: 'ROMANCE' }), [], deps);
    const spec = JSON.parse(readFileSync(join(tmp, 'fitted.vl.json'), 'utf8'));
    assert.match(
      spec.title.subtitle.at(-1),
      /^clusters: k-means on the ratings matrix, k=2, seed 0, k-means\+\+, \d+ iterations$/,
    );
    assert.equal(spec.encoding.x.title, 'average Sci-Fi rating');
  });

  it('refuses an unknown genre naming those the file has, and --assignments with fit options (exit 2)', async () => {
    const usage = (message: string) => (err: unknown) =>
      err instanceof UserError && err.exitCode === ExitCode.usage && err.message === message;
    await assert.rejects(
      runScatter(options({ x: 'Western' }), [], deps),
      usage(messages.scatterUnknownGenre('--x', 'Western', ['Sci-Fi', 'Horror', 'Comedy', 'Romance'])),
    );
    await assert.rejects(
      runScatter(options({ assignments }), ['--k'], deps),
      usage(messages.scatterAssignmentsAndFit(['--k'])),
    );
    const noGenres = { readCatalog: async () => ({ titles: new Map(), genres: null }) };
    await assert.rejects(runScatter(options({}), [], noGenres), usage(messages.scatterNoGenres('movies.csv')));
  });

  it('without --x/--y draws the first two SVD coordinates of --matrix, with --assignments, the empty customer left out', async () => {
    const out = join(tmp, 'svd', 'ratings.png');
    const r = await runCliAsync([
      'scatter',
      '--input',
      rank2,
      '--assignments',
      rank2Assignments,
      '--matrix',
      'ratings',
      '-o',
      out,
      '--spec',
      '--scale',
      '1',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const spec = JSON.parse(readFileSync(join(tmp, 'svd', 'ratings.vl.json'), 'utf8'));
    const points = spec.data.values.map((p: { c: number; x: number; y: number; k: string }) => [
      p.c,
      Math.round(p.x * 1e9) / 1e9,
      Math.round(p.y * 1e9) / 1e9,
      p.k,
    ]);
    assert.deepEqual(points, [
      [1, 6, 2, '0'],
      [3, 6, -2, '1'],
      [4, 2, 0, '2'],
    ]);
    assert.equal(spec.title.text, 'First two SVD coordinates of the ratings matrix, by cluster');
    assert.deepEqual(spec.title.subtitle, [
      'all 3 of 4 customers drawn',
      messages.scatterSvdLeftOut(1, 'ratings'),
      `clusters: ${rank2Assignments}`,
    ]);
    assert.deepEqual(
      [spec.encoding.x.title, spec.encoding.y.title],
      ['SVD 1 (90.5% of the squared norm)', 'SVD 2 (9.5% of the squared norm)'],
    );
    const png = await decodePng(readFileSync(out));
    assert.ok(png.width > 500 && png.height > 500, `${png.width} x ${png.height}`);
    let coloured = 0;
    for (let i = 0; i < png.data.length; i += 4)
      if (
        Math.max(png.data[i], png.data[i + 1], png.data[i + 2]) -
          Math.min(png.data[i], png.data[i + 1], png.data[i + 2]) >
        60
      )
        coloured++;
    assert.ok(coloured > 50, `${coloured} coloured pixels`);
  });

  it("without --x/--y fits with fit's options on the residual matrix: the same PNG bytes for 1 and 2 threads", async () => {
    const one = join(tmp, 'residual-1.png');
    const two = join(tmp, 'residual-2.png');
    const args = ['scatter', '--input', pivot, '--k', '2', '--matrix', 'residual', '--scale', '1'];
    const [a, b] = await Promise.all([
      runCliAsync([...args, '-o', one, '--threads', '1', '--spec']),
      runCliAsync([...args, '-o', two, '--threads', '2']),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.ok(readFileSync(one).equals(readFileSync(two)));
    const spec = JSON.parse(readFileSync(join(tmp, 'residual-1.vl.json'), 'utf8'));
    assert.equal(spec.title.text, 'First two SVD coordinates of the residual matrix, by cluster');
    assert.match(
      spec.title.subtitle.at(-1),
      /^clusters: k-means on the residual matrix, k=2, seed 0, k-means\+\+, \d+ iterations$/,
    );
    assert.equal(spec.data.values.length, 5);
    // the subtitle names everything k-means saw: the SVD and the unit length too
    const taste = join(tmp, 'taste.png');
    const t = await runCliAsync([...args, '--embed', '2', '--normalize', '-o', taste, '--spec']);
    assert.equal(t.code, 0, t.stderr);
    assert.match(
      JSON.parse(readFileSync(join(tmp, 'taste.vl.json'), 'utf8')).title.subtitle.at(-1),
      /^clusters: k-means on the residual matrix \(SVD to 2 dims, then unit length\), k=2, seed 0, k-means\+\+, \d+ iterations$/,
    );
  });

  it('without --x/--y: --assignments with --k is refused, with --matrix it is not; fewer than 2 movies is exit 2', async () => {
    const out = join(tmp, 'svd-never.png');
    const both = await runCliAsync([
      'scatter',
      '--input',
      rank2,
      '--assignments',
      rank2Assignments,
      '--k',
      '3',
      '-o',
      out,
    ]);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, `netflix-cluster: ${messages.scatterAssignmentsAndFit(['--k'])}\n`);
    const oneMovie = join(tmp, 'one-movie.csv');
    writeFileSync(oneMovie, 'Cust_Id,1\n1,4\n2,5\n3,3\n');
    const small = await runCliAsync(['scatter', '--input', oneMovie, '--k', '1', '-o', out]);
    assert.equal(small.code, 2);
    assert.equal(small.stderr, `netflix-cluster: ${messages.scatterSvdTooSmall(3, 1)}\n`);
    assert.ok(!existsSync(out));
  });

  it('exits 2 with one line when a genre or --titles is missing, before reading anything', async () => {
    const out = join(tmp, 'never.png');
    const one = await runCliAsync(['scatter', '--input', pivot, '-o', out, '--x', 'Sci-Fi']);
    assert.equal(one.stderr, `netflix-cluster: ${messages.scatterNeedsBothGenres()}\n`);
    const both = await runCliAsync([
      'scatter',
      '--input',
      pivot,
      '-o',
      out,
      '--x',
      'Sci-Fi',
      '--y',
      'Romance',
      '--assignments',
      assignments,
      '--k',
      '3',
      '--titles',
      'm.csv',
    ]);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, `netflix-cluster: ${messages.scatterAssignmentsAndFit(['--k'])}\n`);
    const noTitles = await runCliAsync(['scatter', '--input', pivot, '-o', out, '--x', 'Sci-Fi', '--y', 'Romance']);
    assert.equal(noTitles.stderr, `netflix-cluster: ${messages.scatterGenresNeedTitles()}\n`);
    assert.ok(!existsSync(out));
  });
});
