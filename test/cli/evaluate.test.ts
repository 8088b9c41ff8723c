import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { referenceCaption } from '../../src/recommend/reference.js';
import { pivotCsv, plantedMatrix, runCli, tempDir } from '../helpers.js';

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

