import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { predictorNames } from '../../src/recommend/predictors.js';
import { defaultMinSupport } from '../../src/recommend/recommend.js';
import { runCli, tempDir } from '../helpers.js';
import { customerIdOf, makeRecommendFixtures, ratedMovies } from './recommend-fixtures.js';

const fx = makeRecommendFixtures();
const titles = join(fx.dir, 'movie_titles.csv');
writeFileSync(
  titles,
  Buffer.from(Array.from({ length: 50 }, (_, j) => `${j + 1},${1990 + j},Film ${j + 1}, Été\r\n`).join(''), 'latin1'),
);

/** How many customers rated each movie id of the fixture. */
function supportOf(): Map<number, number> {
  const out = new Map<number, number>();
  for (let p = 0; p < fx.matrix.rowPtr[fx.matrix.nRows]; p++)
    out.set(fx.matrix.colIdx[p] + 1, (out.get(fx.matrix.colIdx[p] + 1) ?? 0) + 1);
  return out;
}

test("recommend --model: the cluster predictor with the model's clusters; top N unrated movies with support and title", () => {
  for (const row of [0, 1, 2, 150]) {
    const r = runCli([
      'recommend',
      '--model',
      fx.model,
      '--input',
      fx.data,
      '--customer',
      String(customerIdOf(row)),
      '--top',
      '5',
      '--titles',
      titles,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^rank +movie +predicted +support +title$/);
    assert.equal(lines.length, 6);
    const rated = ratedMovies(fx.matrix, row);
    const support = supportOf();
    let last = Infinity;
    lines.slice(1).forEach((line, i) => {
      const [rank, movie, predicted, n] = line.trim().split(/ +/).map(Number);
      assert.equal(rank, i + 1);
      assert.ok(!rated.has(movie), `customer row ${row} already rated movie ${movie}`);
      assert.ok(predicted <= last);
      last = predicted;
      assert.equal(n, support.get(movie));
      assert.ok(n >= defaultMinSupport);
      assert.ok(line.endsWith(`Film ${movie}, Été`), line);
    });
    assert.match(
      r.stderr,
      new RegExp(`^customer ${customerIdOf(row)}: ${rated.size} movies rated, cluster \\d of 3; cluster k=3: `),
    );
  }
});

test('recommend --json without a model: fits the predictor it is asked for', () => {
  for (const predictor of predictorNames) {
    const r = runCli([
      'recommend',
      '--input',
      fx.data,
      '--customer',
      '20',
      '--predictor',
      predictor,
      '--k',
      '3',
      '--epochs',
      '3',
      '--json',
      '--titles',
      titles,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const o = JSON.parse(r.stdout);
    assert.equal(o.customer, 20);
    assert.equal(o.predictor, predictor);
    assert.equal(o.k, predictor === 'cluster' ? 3 : null);
    assert.equal(o.recommendations.length, 10);
    const rated = ratedMovies(fx.matrix, 1);
    for (const x of o.recommendations) {
      assert.ok(!rated.has(x.movieId));
      assert.equal(x.title, `Film ${x.movieId}, Été`);
      assert.ok(x.predicted >= 1 && x.predicted <= 5);
    }
  }
});

test('recommend --all --out: every customer, top N each, never a rated movie; the same bytes for any --threads', () => {
  const dir = tempDir();
  const outs = ['1', '2'].map((threads) => {
    const out = join(dir, `recs-${threads}.csv`);
    const r = runCli([
      'recommend',
      '--input',
      fx.data,
      '--all',
      '--top',
      '4',
      '--epochs',
      '3',
      '--out',
      out,
      '--threads',
      threads,
      '--titles',
      titles,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    return readFileSync(out, 'utf8');
  });
  assert.equal(outs[0], outs[1]);
  const lines = outs[0].trimEnd().split('\n');
  assert.equal(lines[0], 'Cust_Id,rank,movie,predicted,title');
  assert.equal(lines.length, 1 + 4 * fx.matrix.nRows);
  lines.slice(1).forEach((line, t) => {
    const m = /^(\d+),(\d),(\d+),(\d\.\d{4}),"Film (\d+), Été"$/.exec(line);
    assert.ok(m, line);
    const row = Math.floor(t / 4);
    assert.equal(Number(m[1]), customerIdOf(row));
    assert.equal(Number(m[2]), (t % 4) + 1);
    assert.ok(!ratedMovies(fx.matrix, row).has(Number(m[3])), line);
    assert.equal(m[5], m[3]);
  });
  // to stdout without --out, without titles
  const r = runCli(['recommend', '--input', fx.data, '--all', '--top', '4', '--epochs', '3', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    outs[0]
      .split('\n')
      .map((l) => l.replace(/,"Film.*$|,title$/, ''))
      .join('\n'),
  );
});
