import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/messages.js';
import { fixture, runCli, tempDir } from '../helpers.js';

/** A user's own data as it comes: MovieLens-style long files with half stars, titles with genres, stdin. */
const dir = tempDir();
const halfStars = fixture('long/ml-latest-ratings.csv');

test('fit on a half-star long file with no flags: range 0.5..5 inferred, stated in --json and saved in the model', () => {
  const model = join(dir, 'model.json');
  const r = runCli(['fit', '-i', halfStars, '-k', '2', '--json', '--save-model', model]);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout) as { ratingRange: unknown; rows: number };
  assert.deepEqual(summary.ratingRange, { min: 0.5, max: 5 });
  assert.equal(summary.rows, 3);
  const saved = JSON.parse(readFileSync(model, 'utf8')) as { options: { ratingRange: unknown } };
  assert.deepEqual(saved.options.ratingRange, { min: 0.5, max: 5 });
  const text = runCli(['fit', '-i', halfStars, '-k', '2', '-o', join(dir, 'a.csv')]);
  assert.ok(text.stderr.includes(`ratings     ${messages.ratingScale('0.5..5', false)}\n`), text.stderr);
});

test('recommend and predict read on the scale saved in the model: a rating outside it is refused, exit 65', () => {
  const model = join(dir, 'model-1-5.json');
  assert.equal(
    runCli(['fit', '-i', fixture('long/u1.base'), '-k', '2', '-q', '-o', join(dir, 'b.csv'), '--save-model', model])
      .code,
    0,
  );
  const half = join(dir, 'half.tsv');
  writeFileSync(half, '1\t10\t4\n1\t20\t0.5\n2\t10\t3\n');
  const r = runCli(['recommend', '-m', model, '-i', half, '-c', '1', '-q']);
  assert.equal(r.code, 65);
  assert.equal(r.stderr, `netflix-cluster: ${messages.ratingOutOfRange(half, 2, 3, '0.5', 1, 5)}\n`);
  const out = join(dir, 'p.csv');
  const p = runCli(['predict', '-m', model, '-i', half, '-o', out, '-q']);
  assert.equal(p.code, 65);
  assert.ok(!existsSync(out), 'nothing written');
  // stating the scale overrides the model's
  const ok = runCli(['recommend', '-m', model, '-i', half, '-c', '1', '-q', '--json', '--rating-range', '0.5..5']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual((JSON.parse(ok.stdout) as { ratingRange: unknown }).ratingRange, { min: 0.5, max: 5 });
});

test('--input - reads standard input; --titles movies.csv adds genres to the profiles', () => {
  const r = runCli(['fit', '-i', '-', '-k', '2', '--json', '--titles', fixture('titles/movies.csv')], {
    input: '1,1,4\n1,11,2\n2,20,5\n2,30,1.5\n3,40,3\n',
  });
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout) as {
    input: string;
    ratingRange: unknown;
    profiles: { clusters: { genres: { genre: string }[] }[] };
  };
  assert.deepEqual(s.ratingRange, { min: 0.5, max: 5 }, 'half stars from 1.5 to 5: the half-star scale');
  const names = new Set(s.profiles.clusters.flatMap((c) => c.genres.map((g) => g.genre)));
  assert.deepEqual([...names].sort(), [
    'Adventure',
    'Animation',
    'Children',
    'Comedy',
    'Crime',
    'Drama',
    'Fantasy',
    'Romance',
  ]);
});

test('bad input on stdin keeps the contract: one line naming -:line:column, exit 65, nothing written', () => {
  const out = join(dir, 'never.csv');
  const r = runCli(['fit', '-i', '-', '-k', '1', '-o', out], { input: '1\t1\t4\n1\t2\t-1\n' });
  assert.equal(r.code, 65);
  assert.equal(r.stderr, `netflix-cluster: ${messages.ratingOutOfRange('-', 2, 3, '-1', 0, 3.4028234663852886e38)}\n`);
  assert.ok(!existsSync(out));
});
