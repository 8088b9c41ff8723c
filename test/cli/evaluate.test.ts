import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { messages } from '../../src/messages.js';
import { referenceCaption } from '../../src/recommend/reference.js';
import { fixture, pivotCsv, plantedMatrix, runCli, tempDir } from '../helpers.js';
import { assertBadRun, type BadRun } from './recommend-fixtures.js';

const dir = tempDir();
const data = join(dir, 'planted.csv');
writeFileSync(data, pivotCsv(plantedMatrix(600, 60, 0.15, 3, 2)));

test('evaluate prints every predictor with RMSE and MAE and the labelled reference numbers', () => {
  const r = runCli(['evaluate', '--input', data, '--k', '2,3', '--seed', '1']);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout;
  for (const label of ['global mean', 'movie mean', 'customer mean + movie offset', 'cluster CF, k=2', 'cluster CF, k=3']) {
    assert.match(out, new RegExp(`^${label.replace(/[+]/g, '\\+')} +\\d\\.\\d{4} +\\d\\.\\d{4} +\\|`, 'm'), label);
  }
  assert.match(out, /reference RMSE, NOT ours/);
  assert.match(out, /Cinematch \(Netflix\) +0\.9514/);
  assert.match(out, /Prize winner \(2009\) +0\.8567/);
  assert.match(r.stderr, /^fit k=2 .*\n^fit k=3 .*\n^time .*split/m);
  // the same seed, the same report
  assert.equal(runCli(['evaluate', '--input', data, '--k', '2,3', '--seed', '1', '--quiet']).stdout, out);
});

test('evaluate --json: scores, fits, and the reference marked as not ours', () => {
  const r = runCli(['evaluate', '--input', data, '--k', '3', '--holdout', '0.2', '--json', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal(r.stderr, '');
  assert.equal(o.holdout, 0.2);
  assert.deepEqual(o.scores.map((s: { predictor: string; k: number | null }) => [s.predictor, s.k]), [
    ['global mean', null],
    ['movie mean', null],
    ['customer mean + movie offset', null],
    ['cluster CF', 3],
  ]);
  const movieMean = o.scores[1];
  const cf = o.scores[3];
  assert.ok(cf.rmse < 0.75 * movieMean.rmse, `${cf.rmse} vs ${movieMean.rmse}`);
  assert.equal(o.reference.note, referenceCaption);
  assert.equal(o.reference.rmse.length, 4);
  assert.equal(o.fits[0].k, 3);
});

const outDir = tempDir();
const badRuns: BadRun[] = [
  { name: '--holdout 0', args: ['--input', data, '--holdout', '0'], code: 2, message: messages.notInOpenRange('--holdout', 0, 0, 1) },
  { name: '--holdout 1', args: ['--input', data, '--holdout', '1'], code: 2, message: messages.notInOpenRange('--holdout', 1, 0, 1) },
  { name: '--holdout 1.5', args: ['--input', data, '--holdout', '1.5'], code: 2, message: messages.notInOpenRange('--holdout', 1.5, 0, 1) },
  { name: '--holdout not a number', args: ['--input', data, '--holdout', 'ten'], code: 2, message: messages.badNumber('--holdout', 'ten') },
  { name: '--holdout that hides nothing', args: ['--input', data, '--holdout', '0.001'], code: 2, message: messages.holdoutHidesNothing(0.001) },
  { name: '--k not a list', args: ['--input', data, '--k', '2,x'], code: 2, message: messages.badIntegerList('--k', '2,x') },
  { name: '--k repeated', args: ['--input', data, '--k', '2,2'], code: 2, message: messages.duplicateInList('--k', 2) },
  { name: '--k 0', args: ['--input', data, '--k', '0'], code: 2, message: messages.tooSmall('--k', 0, 1) },
  { name: 'k above rows', args: ['--input', data, '--k', '2,601'], code: 2, message: messages.kTooLarge(601, 600) },
  { name: 'input missing', args: ['--input', '/no/such.csv'], code: 66, message: messages.inputMissing('/no/such.csv') },
  { name: 'bad data', args: ['--input', fixture('bad/pivot/rating-out-of-range.csv'), '--rating-range', '1..5'], code: 65, message: messages.ratingOutOfRange(fixture('bad/pivot/rating-out-of-range.csv'), 3, 3, '7.0', 1, 5) },
];

for (const bad of badRuns) {
  test(`evaluate bad run: ${bad.name} -> exit ${bad.code}, one line`, () => {
    assertBadRun({ ...bad, args: ['evaluate', ...bad.args] }, outDir);
  });
}
