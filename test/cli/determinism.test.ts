import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { runCli, tempDir } from '../helpers.js';

/**
 * The same seed gives byte-identical outputs: across two runs, and across --threads 1 (the serial runner on the
 * main thread) and --threads 2 (worker threads over shared memory). Only timings may differ, so they are removed
 * from --json output before comparing. The input has 5,000 customers: more than one 2,048-row block, so two threads
 * really split the work.
 */

let dir = '';
let input = '';

before(() => {
  dir = tempDir();
  input = join(dir, 'in.csv');
  const g = runCli(['generate', '--customers', '5000', '--movies', '400', '--seed', '3', '--out', input, '--quiet']);
  assert.equal(g.code, 0, g.stderr);
});

/** --json output minus everything that measures time. */
function withoutTimings(json: string): unknown {
  return JSON.parse(json, (key, value: unknown) =>
    /^(ms|times|timings?|seconds|elapsed|.*(Seconds|Ms|Time))$/.test(key) ? undefined : value,
  );
}

function ok(args: string[]): string {
  const r = runCli(args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Three runs: threads 1, threads 1 again, threads 2; each gets its own output names via `tag`. */
const runs = [
  { tag: 'a', threads: '1' },
  { tag: 'b', threads: '1' },
  { tag: 'c', threads: '2' },
];

function allSame<T>(values: T[], what: string): void {
  for (let i = 1; i < values.length; i++)
    assert.deepEqual(values[i], values[0], `${what}: run ${runs[i].tag} (threads ${runs[i].threads}) differs`);
}

test('fit: assignments, --json (minus timings) and --save-model are byte-identical', () => {
  const outs = runs.map(({ tag, threads }) => {
    const assignments = join(dir, `fit-${tag}.csv`);
    const model = join(dir, `model-${tag}.json`);
    const json = ok([
      'fit',
      '-i',
      input,
      '-k',
      '6',
      '--seed',
      '5',
      '--n-init',
      '2',
      '--threads',
      threads,
      '--json',
      '-o',
      assignments,
      '--save-model',
      model,
      '-q',
    ]);
    return {
      assignments: readFileSync(assignments, 'utf8'),
      model: readFileSync(model, 'utf8'),
      json: withoutTimings(json),
    };
  });
  assert.ok(outs[0].assignments.split('\n').length > 5000);
  allSame(
    outs.map((o) => o.assignments),
    'assignments',
  );
  allSame(
    outs.map((o) => o.model),
    'model',
  );
  allSame(
    outs.map((o) => o.json),
    'fit --json',
  );
});

test('predict with the saved model: identical assignments', () => {
  const model = join(dir, 'model-a.json');
  allSame(
    runs.map(({ threads }) => ok(['predict', '-m', model, '-i', input, '--threads', threads, '-q'])),
    'predict',
  );
});

test('elbow --json (minus timings) is identical', () => {
  allSame(
    runs.map(({ threads }) =>
      withoutTimings(
        ok([
          'elbow',
          '-i',
          input,
          '-k',
          '2..4',
          '--seed',
          '1',
          '--silhouette-sample',
          '500',
          '--threads',
          threads,
          '--json',
          '-q',
        ]),
      ),
    ),
    'elbow --json',
  );
});

test('evaluate --json (minus timings) is identical', () => {
  allSame(
    runs.map(({ threads }) =>
      withoutTimings(
        ok([
          'evaluate',
          '-i',
          input,
          '-k',
          '3',
          '--seed',
          '2',
          '--max-iter',
          '50',
          '--threads',
          threads,
          '--json',
          '-q',
        ]),
      ),
    ),
    'evaluate --json',
  );
});

test('generate: the same seed gives the same bytes, plain and gzip', () => {
  for (const ext of ['csv', 'csv.gz']) {
    const files = ['x', 'y'].map((tag) => join(dir, `gen-${tag}.${ext}`));
    for (const f of files)
      ok(['generate', '--customers', '3000', '--movies', '300', '--seed', '9', '--out', f, '--quiet']);
    assert.ok(readFileSync(files[0]).equals(readFileSync(files[1])), ext);
  }
});
