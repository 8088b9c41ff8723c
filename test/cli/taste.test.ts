import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { messages } from '../../src/messages.js';
import { clusterBalance } from '../../src/metrics/cluster-balance.js';
import { runCli, tempDir } from '../helpers.js';

/**
 * --matrix residual, --embed, --normalize through the built binary: the summary's embedding and balance, a saved
 * model that predict uses to place the training customers exactly where fit placed them, the same bytes on 1 and
 * 2 threads (5,000 customers: three 2,048-row chunks, so two threads split the SVD's products), and the warning.
 */
let dir = '';
let input = '';

before(() => {
  dir = tempDir();
  input = join(dir, 'in.csv');
  const g = runCli(['generate', '--customers', '5000', '--movies', '200', '--seed', '4', '--out', input, '--quiet']);
  assert.equal(g.code, 0, g.stderr);
});

const taste = ['--matrix', 'residual', '--embed', '8', '--normalize'];
const noTimings = (json: string) =>
  JSON.parse(json, (key, value: unknown) => (/^(timingsMs|ms)$/.test(key) ? undefined : value));

test('fit --matrix residual --embed 8 --normalize: embedding and balance in --json; predict with the saved model gives the same assignments', () => {
  const out = join(dir, 'fit.csv');
  const model = join(dir, 'model.json');
  const r = runCli([
    'fit',
    '--input',
    input,
    '-k',
    '4',
    ...taste,
    '--threads',
    '2',
    '--out',
    out,
    '--save-model',
    model,
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.matrix, 'residual');
  assert.equal(s.normalize, true);
  assert.equal(s.embedding.dims, 8);
  assert.equal(s.embedding.singularValues.length, 8);
  for (let d = 1; d < 8; d++) assert.ok(s.embedding.singularValues[d] <= s.embedding.singularValues[d - 1]);
  assert.ok(s.embedding.explainedShare > 0 && s.embedding.explainedShare <= 1);
  const b = clusterBalance(s.sizes);
  assert.deepEqual({ ...s.balance, warning: undefined }, { ...b, warning: undefined });
  const saved = JSON.parse(readFileSync(model, 'utf8'));
  assert.equal(saved.version, 2);
  assert.equal(saved.centers[0].length, 8);
  assert.equal(saved.representation.embedding.basis.length, 200 * 8);
  assert.equal(saved.representation.baseline.itemBias.length, 200);

  const predicted = join(dir, 'pred.csv');
  const p = runCli(['predict', '--model', model, '--input', input, '--out', predicted, '--threads', '1']);
  assert.equal(p.code, 0, p.stderr);
  assert.equal(readFileSync(predicted, 'utf8'), readFileSync(out, 'utf8'));
});

test('fit with --embed: the same bytes and summary on --threads 1 and 2', () => {
  const runs = ['1', '2'].map((threads) => {
    const out = join(dir, `t${threads}.csv`);
    const r = runCli([
      'fit',
      '--input',
      input,
      '-k',
      '5',
      ...taste,
      '--seed',
      '3',
      '--threads',
      threads,
      '--out',
      out,
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    return { csv: readFileSync(out, 'utf8'), json: noTimings(r.stdout) };
  });
  assert.equal(runs[0].csv, runs[1].csv);
  assert.deepEqual(runs[0].json, runs[1].json);
});

test('fit --embed larger than the matrix is a usage error naming both sizes', () => {
  const r = runCli(['fit', '--input', input, '--embed', '201', '--out', join(dir, 'never.csv')]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), `netflix-cluster: ${messages.embedTooLarge(201, 5000, 200)}`);
});

test('fit warns in one line when a cluster holds more than half of the customers (and suggests the options)', () => {
  // 100 customers who rated movie 1 only, one who rated everything: k = 2 splits off the one
  const rows = ['Cust_Id,1,2,3,4'];
  for (let i = 1; i <= 100; i++) rows.push(`${i},3,,,`);
  rows.push('101,5,5,5,5');
  const small = join(dir, 'lopsided.csv');
  writeFileSync(small, `${rows.join('\n')}\n`);
  const r = runCli(['fit', '--input', small, '-k', '2', '--no-profiles', '--out', join(dir, 'lop.csv')]);
  assert.equal(r.code, 0, r.stderr);
  const big = r.stderr.match(/clusters +0: (\d+) +1: (\d+)/);
  assert.ok(big, r.stderr);
  const b = clusterBalance([Number(big[1]), Number(big[2])]);
  assert.ok(b.unbalanced);
  const line = `warning     ${messages.unbalancedClusters(b.largestCluster, b.largestShare, b.smallestCluster, b.smallestShare, messages.balanceSuggestion())}`;
  assert.ok(r.stderr.split('\n').includes(line), r.stderr);
});

test('elbow and evaluate accept the same options', () => {
  const e = runCli(['elbow', '--input', input, '-k', '2,3', ...taste, '--json', '--quiet']);
  assert.equal(e.code, 0, e.stderr);
  const s = JSON.parse(e.stdout);
  assert.equal(s.embedding.dims, 8);
  assert.deepEqual(
    s.results.map((row: { balance: { largestShare: number } }) => row.balance.largestShare),
    s.results.map((row: { sizes: number[] }) => clusterBalance(row.sizes).largestShare),
  );
  const v = runCli(['evaluate', '--input', input, '-k', '3', ...taste, '--json', '--quiet']);
  assert.equal(v.code, 0, v.stderr);
  const report = JSON.parse(v.stdout);
  // the cluster predictor clustered what the options say
  assert.equal(report.matrix, 'residual, --embed 8, --normalize');
  const cluster = report.scores.find((row: { predictor: string; k: number | null }) => row.predictor === 'cluster');
  assert.equal(cluster.k, 3);
  assert.ok(Number.isFinite(cluster.rmse), v.stdout.slice(0, 300));
});
