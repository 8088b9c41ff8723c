import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { runScatter, type ScatterCliOptions } from '../../src/cli/scatter.js';
import { messages } from '../../src/messages.js';
import { ExitCode, UserError } from '../../src/util/errors.js';
import { binPath, repoRoot, tempDir } from '../helpers.js';
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
    input: pivot, k: 2, seed: 0, init: 'k-means++', nInit: 1, maxIter: 300, tol: 1e-4, matrix: 'ratings', ratingRange: { min: 1, max: 5 },
    out: join(tmp, 'x.png'), maxPoints: 5000, scale: 1, quiet: true, titles: 'movies.csv', x: 'Sci-Fi', y: 'Romance', threads: 1, ...extra,
  };
}

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [binPath, ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('netflix-cluster scatter', { concurrency: true }, () => {
  it('plots genre averages with the clusters of --assignments into a new folder, spec beside the PNG', async () => {
    const out = join(tmp, 'new', 'folder', 'genres.png');
    await runScatter(options({ assignments: assignments, out, spec: true }), [], deps);
    const spec = JSON.parse(readFileSync(join(tmp, 'new', 'folder', 'genres.vl.json'), 'utf8'));
    assert.deepEqual(spec.data.values.map((p: { c: number; k: string }) => [p.c, p.k]), [[1, '0'], [2, '1'], [5, '1']]);
    assert.equal(spec.title.subtitle.at(-1), `clusters: ${assignments}`);
    const png = await decodePng(readFileSync(out));
    assert.ok(png.width > 500 && png.height > 500);
  });

  it('fits the clusters with fit\'s options when no --assignments is given, and matches genres without regard to case', async () => {
    const out = join(tmp, 'fitted.png');
    await runScatter(options({ out, spec: true, x: 'sci-fi', y: 'ROMANCE' }), [], deps);
    const spec = JSON.parse(readFileSync(join(tmp, 'fitted.vl.json'), 'utf8'));
    assert.match(spec.title.subtitle.at(-1), /^clusters: k-means on the ratings matrix, k=2, seed 0, k-means\+\+, \d+ iterations$/);
    assert.equal(spec.encoding.x.title, 'average Sci-Fi rating');
  });

  it('refuses an unknown genre naming those the file has, and --assignments with fit options (exit 2)', async () => {
    const usage = (message: string) => (err: unknown) => err instanceof UserError && err.exitCode === ExitCode.usage && err.message === message;
    await assert.rejects(runScatter(options({ x: 'Western' }), [], deps), usage(messages.scatterUnknownGenre('--x', 'Western', ['Sci-Fi', 'Horror', 'Comedy', 'Romance'])));
    await assert.rejects(runScatter(options({ assignments }), ['--k'], deps), usage(messages.scatterAssignmentsAndFit(['--k'])));
    const noGenres = { readCatalog: async () => ({ titles: new Map(), genres: null }) };
    await assert.rejects(runScatter(options({}), [], noGenres), usage(messages.scatterNoGenres('movies.csv')));
  });

  it('exits 2 with one line when a genre or --titles is missing, before reading anything', async () => {
    const out = join(tmp, 'never.png');
    const one = await cli(['scatter', '--input', pivot, '-o', out, '--x', 'Sci-Fi']);
    assert.equal(one.stderr, `netflix-cluster: ${messages.scatterNeedsBothGenres()}\n`);
    const both = await cli(['scatter', '--input', pivot, '-o', out, '--x', 'Sci-Fi', '--y', 'Romance', '--assignments', assignments, '--k', '3', '--titles', 'm.csv']);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, `netflix-cluster: ${messages.scatterAssignmentsAndFit(['--k'])}\n`);
    const noTitles = await cli(['scatter', '--input', pivot, '-o', out, '--x', 'Sci-Fi', '--y', 'Romance']);
    assert.equal(noTitles.stderr, `netflix-cluster: ${messages.scatterGenresNeedTitles()}\n`);
    assert.ok(!existsSync(out));
  });
});
