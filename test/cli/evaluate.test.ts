import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { referenceCaption, surpriseCaption } from '../../src/recommend/reference.js';
import { pivotCsv, plantedMatrix, runCli, tempDir } from '../helpers.js';

const dir = tempDir();
const data = join(dir, 'planted.csv');
writeFileSync(data, pivotCsv(plantedMatrix(600, 60, 0.15, 3, 2)));
const long = (rows: [number, number, number][]) =>
  `userId,movieId,rating\n${rows.map((r) => r.join(',')).join('\n')}\n`;
// a given split: customer 3 and movie 30 appear only in the test file
const train = join(dir, 'train.csv');
writeFileSync(
  train,
  long([
    [1, 10, 5],
    [1, 20, 3],
    [2, 10, 4],
    [2, 20, 2],
    [2, 40, 5],
    [1, 40, 4],
  ]),
);
const testFile = join(dir, 'test.csv');
writeFileSync(
  testFile,
  long([
    [1, 30, 4],
    [2, 30, 2],
    [3, 10, 5],
    [3, 30, 1],
  ]),
);

test('evaluate prints every predictor with RMSE, MAE, ranking metrics and times, and the published numbers as not ours', () => {
  const r = runCli(['evaluate', '--input', data, '--k', '2,3', '--seed', '1', '--epochs', '3']);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout;
  assert.match(out, /^predictor +RMSE +MAE +P@10 +R@10 +NDCG@10 {2}time$/m);
  for (const label of ['global', 'movie', 'baseline', 'cluster k=2', 'cluster k=3', 'mf']) {
    assert.match(
      out,
      new RegExp(`^${label} +(\\d\\.\\d{4} +){4}\\d\\.\\d{4}  fit \\d+\\.\\d\\d s, predict \\d+\\.\\d\\d s$`, 'm'),
      label,
    );
  }
  assert.ok(out.includes(`NOT ours: ${surpriseCaption}`));
  assert.ok(out.includes(`NOT ours: ${referenceCaption}`));
  assert.match(out, /SVD\+\+ \(100k\) 0\.919/);
  assert.match(r.stderr, /^fit k=2 +split 1: .*\n^fit k=3 .*\n^time .*read/m);
});

test('evaluate --folds 3 --json: mean and std per predictor, the scores shape kept', () => {
  const r = runCli([
    'evaluate',
    '--input',
    data,
    '--folds',
    '3',
    '--predictors',
    'baseline,cluster,mf',
    '--k',
    '3',
    '--epochs',
    '3',
    '--json',
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const o = JSON.parse(r.stdout);
  assert.deepEqual(o.protocol, { kind: 'folds', folds: 3 });
  assert.equal(o.splits, 3);
  assert.equal(o.testRatings, o.trainRatings / 2);
  assert.deepEqual(
    o.scores.map((s: { predictor: string; k: number | null }) => [s.predictor, s.k]),
    [
      ['baseline', null],
      ['cluster', 3],
      ['mf', null],
    ],
  );
  for (const s of o.scores) {
    for (const key of ['rmse', 'mae', 'precision10', 'recall10', 'ndcg10']) {
      assert.ok(s[key] > 0 && s[key] < 2, `${s.predictor} ${key} ${s[key]}`);
      assert.ok(s.std[key] >= 0 && s.std[key] < 0.2, `${s.predictor} std ${key}`);
    }
    assert.ok(s.fitSeconds >= 0 && s.predictSeconds >= 0);
  }
  // the planted groups: the cluster residuals and the factors both beat the baseline
  assert.ok(
    o.scores[1].rmse < o.scores[0].rmse && o.scores[2].rmse < o.scores[0].rmse,
    JSON.stringify(o.scores.map((s: { rmse: number }) => s.rmse)),
  );
  assert.equal(o.fits.length, 3);
  assert.equal(o.reference.note, referenceCaption);
});

test('evaluate --train --test: customers and movies absent from training are counted and predicted by the fallback', () => {
  const r = runCli([
    'evaluate',
    '--train',
    train,
    '--test',
    testFile,
    '--predictors',
    'global,movie,baseline,mf',
    '--json',
    '--quiet',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(o.protocol.kind, 'files');
  assert.equal(o.protocol.unknownCustomers, 1);
  assert.equal(o.protocol.unknownCustomerRatings, 2);
  assert.equal(o.protocol.unknownMovies, 1);
  assert.equal(o.protocol.unknownMovieRatings, 3);
  assert.equal(o.testRatings, 4);
  // every test rating lacks its customer or its movie: all four are fallbacks, and so every predictor agrees
  assert.equal(o.fallbackRatings, 4);
  assert.equal(new Set(o.scores.map((s: { rmse: number }) => s.rmse)).size, 1);
  const text = runCli(['evaluate', '--train', train, '--test', testFile, '--predictors', 'baseline', '--quiet']).stdout;
  assert.match(text, /not in training: 1 customer \(2 ratings\), 1 movie \(3 ratings\)/);
  assert.match(text, /^fallback +4 test ratings/m);
});
