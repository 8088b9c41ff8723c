import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/messages.js';
import { runCli, tempDir } from '../helpers.js';
import { assertBadRun, customerIdOf, makeRecommendFixtures, ratedMovies, type BadRun } from './recommend-fixtures.js';

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

const outDir = tempDir();
const base = ['recommend', '--model', fx.model, '--input', fx.data];
const badTitles = join(fx.dir, 'bad-titles.csv');
writeFileSync(badTitles, '1,2003,A\n2;2004;B\n');
const badRuns: BadRun[] = [
  { name: 'unknown customer', args: [...base, '--customer', '7'], code: 2, message: messages.unknownCustomer(7, fx.data) },
  { name: 'customer not a number', args: [...base, '--customer', 'abc'], code: 2, message: messages.badInteger('--customer', 'abc') },
  { name: '--top 0', args: [...base, '--customer', '10', '--top', '0'], code: 2, message: messages.tooSmall('--top', 0, 1) },
  { name: 'negative --shrink', args: [...base, '--customer', '10', '--shrink', '-1'], code: 2, message: messages.tooSmall('--shrink', -1, 0) },
  { name: 'bad titles file', args: [...base, '--customer', '10', '--titles', badTitles], code: 65, message: messages.titlesBadLine(badTitles, 2, 'expected MovieID,YearOfRelease,Title') },
  { name: 'titles missing', args: [...base, '--customer', '10', '--titles', '/no/titles.csv'], code: 66, message: messages.inputMissing('/no/titles.csv') },
  { name: 'no movie in common', args: ['recommend', '--model', fx.noOverlapModel, '--input', fx.data, '--customer', '10'], code: 65, message: messages.modelNoOverlap(fx.noOverlapModel, fx.data) },
  { name: 'model not ours', args: ['recommend', '--model', fx.notOursModel, '--input', fx.data, '--customer', '10'], code: 65, message: messages.modelNotOurs(fx.notOursModel, 'no "format": "netflix-cluster-model"') },
];

for (const bad of badRuns) {
  test(`recommend bad run: ${bad.name} -> exit ${bad.code}, one line`, () => {
    assertBadRun(bad, outDir);
  });
}
