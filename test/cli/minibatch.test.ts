import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../../src/messages.js';
import { pivotCsv, plantedMatrix, runCli, tempDir } from '../helpers.js';

/**
 * fit --algorithm minibatch through the built binary. The input has 5,000 customers: more than one 2,048-row
 * block, so --threads 2 really puts the final assignment pass on two worker threads.
 */
const dir = tempDir();
const data = join(dir, 'planted.csv');
writeFileSync(data, pivotCsv(plantedMatrix(5000, 60, 0.15, 4, 2)));

const mini = ['fit', '--input', data, '-k', '4', '--seed', '3', '--algorithm', 'minibatch', '--batch-size', '300'];

function ok(args: string[]): { stdout: string; stderr: string } {
  const r = runCli(args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r;
}

test('minibatch: the same assignments, byte for byte, for --threads 1 and 2', () => {
  const one = join(dir, 'one.csv');
  const two = join(dir, 'two.csv');
  ok([...mini, '--threads', '1', '--out', one, '--quiet']);
  ok([...mini, '--threads', '2', '--out', two, '--quiet']);
  const a = readFileSync(one);
  assert.ok(a.length > 5000 * 4);
  assert.deepEqual(readFileSync(two), a);
});

test('minibatch: the summary, --json and the model say so; predict with that model gives the same labels', () => {
  const out = join(dir, 'mb.csv');
  const model = join(dir, 'mb.json');
  const r = ok([...mini, '--json', '--out', out, '--save-model', model, '--no-profiles']);
  const s = JSON.parse(r.stdout);
  assert.equal(s.algorithm, 'minibatch');
  assert.equal(s.batchSize, 300);
  assert.equal(s.initRows, 900);
  assert.equal(s.batches, s.nIter);
  assert.ok(s.batches >= 1 && s.batches <= 300 * Math.ceil(5000 / 300));
  assert.ok(['max-iter', 'tol', 'no-improvement'].includes(s.stoppedBy));
  const saved = JSON.parse(readFileSync(model, 'utf8'));
  assert.equal(saved.options.algorithm, 'minibatch');
  assert.equal(saved.options.batchSize, 300);
  const p = ok(['predict', '--model', model, '--input', data, '--quiet']);
  assert.equal(p.stdout, readFileSync(out, 'utf8'));

  const human = ok([...mini, '--out', join(dir, 'h.csv'), '--no-profiles']);
  assert.match(human.stderr, /k-means +k=4 +seed=3 .* algorithm=minibatch/);
  const batches = String(s.batches);
  const words = messages.minibatchResult(s.batches, 300, s.stoppedBy, s.inertia.toPrecision(10));
  assert.ok(human.stderr.includes(`result      ${words}`), human.stderr);
  assert.ok(words.startsWith(`${batches} batches of 300 rows`));
});

test('lloyd stays the default: the same bytes as --algorithm lloyd, and no minibatch keys', () => {
  const base = ['fit', '--input', data, '-k', '4', '--seed', '3', '--threads', '1', '--json', '--no-profiles'];
  const a = join(dir, 'l1.csv');
  const b = join(dir, 'l2.csv');
  const plain = JSON.parse(ok([...base, '--out', a]).stdout);
  const named = JSON.parse(ok([...base, '--out', b, '--algorithm', 'lloyd', '--batch-size', '5']).stdout);
  assert.deepEqual(readFileSync(b), readFileSync(a));
  assert.equal(named.inertia, plain.inertia);
  assert.equal(plain.algorithm, undefined);
  assert.equal(plain.batchSize, undefined);
});

test('bad --batch-size or --algorithm: one line, exit 2', () => {
  for (const [value, message] of [
    ['0', messages.tooSmall('--batch-size', 0, 1)],
    ['-3', messages.tooSmall('--batch-size', -3, 1)],
    ['1.5', messages.badInteger('--batch-size', '1.5')],
    ['many', messages.badInteger('--batch-size', 'many')],
  ]) {
    const r = runCli(['fit', '--input', data, '--batch-size', value]);
    assert.equal(r.code, 2, value);
    assert.equal(r.stderr, `netflix-cluster: ${message}\n`);
    assert.equal(r.stdout, '');
  }
  const bad = runCli(['fit', '--input', data, '--algorithm', 'elkan']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, `netflix-cluster: ${messages.badChoice('--algorithm', 'elkan', ['lloyd', 'minibatch'])}\n`);
  const engine = runCli(['fit', '--input', data, '--algorithm', 'minibatch', '--engine', 'ml-kmeans']);
  assert.equal(engine.code, 2);
  assert.equal(engine.stderr, `netflix-cluster: ${messages.minibatchNeedsSparse()}\n`);
});

test('elbow takes the same options: each k a mini-batch fit, and says so (batches, not iterations)', () => {
  const args = ['elbow', '--input', data, '--k', '2,3', '--algorithm', 'minibatch', '--batch-size', '500'];
  const r = ok(args);
  assert.match(r.stdout, /^k +inertia +silhouette +davies-bouldin +calinski-harabasz +batches +time$/m);
  assert.equal(r.stdout.trim().split('\n').length, 3);
  assert.match(r.stderr, /^k-means .* algorithm=minibatch {2}batch-size=500$/m);
  const json = JSON.parse(ok([...args, '--json']).stdout) as { algorithm: string; batchSize: number };
  assert.equal(json.algorithm, 'minibatch');
  assert.equal(json.batchSize, 500);
  const lloyd = ok(['elbow', '--input', data, '--k', '2,3']);
  assert.match(lloyd.stdout, /^k +inertia .* iter +time$/m);
  assert.doesNotMatch(lloyd.stderr, /algorithm=/);
});
