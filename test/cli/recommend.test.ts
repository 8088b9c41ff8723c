import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers.js';
import { customerIdOf, makeRecommendFixtures, ratedMovies } from './recommend-fixtures.js';

const fx = makeRecommendFixtures();
const titles = join(fx.dir, 'movie_titles.csv');
writeFileSync(titles, Buffer.from(Array.from({ length: 50 }, (_, j) => `${j + 1},${1990 + j},Film ${j + 1}, Été\r\n`).join(''), 'latin1'));

test('recommend prints the top N unrated movies with predicted rating, support and title', () => {
  for (const row of [0, 1, 2, 150]) {
    const r = runCli(['recommend', '--model', fx.model, '--input', fx.data, '--customer', String(customerIdOf(row)), '--top', '5', '--titles', titles]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^rank +movie +predicted +support +cluster mean +movie mean +title$/);
    assert.equal(lines.length, 6);
    const rated = ratedMovies(fx.matrix, row);
    let last = Infinity;
    lines.slice(1).forEach((line, i) => {
      const [rank, movie, predicted, support] = line.trim().split(/ +/).map(Number);
      assert.equal(rank, i + 1);
      assert.ok(!rated.has(movie), `customer row ${row} already rated movie ${movie}`);
      assert.ok(predicted <= last);
      last = predicted;
      assert.ok(support >= 1);
      assert.ok(line.endsWith(`Film ${movie}, Été`), line);
    });
    assert.match(r.stderr, new RegExp(`^customer ${customerIdOf(row)}: cluster \\d of 3 \\(\\d+ customers\\), ${rated.size} movies rated`));
  }
});

test('recommend --json: the same list as an object, with titles when given', () => {
  const r = runCli(['recommend', '--model', fx.model, '--input', fx.data, '--customer', '20', '--json', '--titles', titles, '--shrink', '0']);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.customer, 20);
  assert.equal(o.k, 3);
  assert.equal(o.recommendations.length, 10);
  const rated = ratedMovies(fx.matrix, 1);
  for (const x of o.recommendations) {
    assert.ok(!rated.has(x.movieId));
    assert.equal(x.title, `Film ${x.movieId}, Été`);
    // lambda 0: the prediction is the plain cluster mean
    assert.ok(Math.abs(x.predicted - x.clusterMean) < 1e-12);
  }
});

