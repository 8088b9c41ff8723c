import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { binPath, repoRoot, runCli, tempDir } from '../helpers.js';

/**
 * Faults through the built binary: a SIGINT/SIGTERM in the middle of a long run stops it with 130/143, leaves the
 * previous output as it was and no temporary file behind; a worker thread that dies mid-run becomes one line on
 * stderr and a non-zero exit, not a hang. The tests wait for events (the CLI's first progress line, through the
 * NETFLIX_CLUSTER_PROGRESS_LINES hook; a file the test writes to crash a worker), never for a time.
 */

const PREVIOUS = 'previous output\n';

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

interface Started {
  readonly exited: Promise<Exit>;
  /** Resolves at the first progress line on stderr that matches `pattern`. */
  progress(pattern: RegExp): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

function start(args: string[], nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, [...nodeArgs, binPath, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NETFLIX_CLUSTER_PROGRESS_LINES: '1', ...env },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout.resume();
  const exited = new Promise<Exit>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  const seen = (pattern: RegExp) => stderr.split('\n').some((l) => l.startsWith('progress: ') && pattern.test(l));
  return {
    exited,
    progress: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!seen(pattern)) return;
          child.stderr.off('data', check);
          resolve();
        };
        child.stderr.on('data', check);
        // a run that ends before its first progress line cannot be interrupted: say so rather than hang
        void exited.then((r) => reject(new Error(`exited ${r.code} before a progress line ${pattern}: ${r.stderr}`)));
        check();
      }),
    kill: (signal) => {
      child.kill(signal);
    },
  };
}

/** stderr without the hook's progress lines. */
const messagesOf = (stderr: string) => stderr.split('\n').filter((l) => l !== '' && !l.startsWith('progress: '));

const temps = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.') || f.endsWith('.tmp'));

for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const) {
  test(`${signal} while generate writes a big file: exit ${code}, previous file kept, no temp`, async () => {
    const dir = tempDir();
    const out = join(dir, 'big.csv');
    writeFileSync(out, PREVIOUS);
    // the full default shape is ~1 GB of CSV: it is certainly still writing at its first progress line
    const run = start(['generate', '--out', out, '--quiet']);
    await run.progress(/generating: /);
    assert.ok(temps(dir).length > 0, 'the temporary file is being written');
    run.kill(signal);
    const r = await run.exited;
    assert.equal(r.code, code, r.stderr);
    assert.deepEqual(messagesOf(r.stderr), []);
    assert.equal(readFileSync(out, 'utf8'), PREVIOUS);
    assert.deepEqual(temps(dir), []);
  });
}

/** A pivot big enough that k = 30 with --tol 0 runs for several seconds; made once, read by each fit test. */
let input: string | undefined;
function bigInput(): string {
  if (input !== undefined) return input;
  input = join(tempDir(), 'in.csv');
  const g = runCli(['generate', '--rows', '3000', '--out', input, '--quiet']);
  assert.equal(g.code, 0, g.stderr);
  return input;
}

for (const threads of [1, 2]) {
  test(`SIGINT during fit --threads ${threads}: exit 130, previous outputs kept, no temp`, async () => {
    const dir = tempDir();
    const input = bigInput();
    const out = join(dir, 'assignments.csv');
    const model = join(dir, 'model.json');
    writeFileSync(out, PREVIOUS);
    writeFileSync(model, PREVIOUS);
    const args = ['fit', '-i', input, '-k', '30', '--tol', '0', '--max-iter', '5000', '--threads', String(threads)];
    const run = start([...args, '--out', out, '--save-model', model, '--quiet']);
    await run.progress(/k-means k=\d+: iteration /);
    run.kill('SIGINT');
    const r = await run.exited;
    assert.equal(r.code, 130, `the fit should still have been running: ${r.stderr}`);
    assert.deepEqual(messagesOf(r.stderr), []);
    assert.equal(readFileSync(out, 'utf8'), PREVIOUS);
    assert.equal(readFileSync(model, 'utf8'), PREVIOUS);
    assert.deepEqual(temps(dir), []);
  });
}

test(
  'a worker thread that dies mid-fit: one line on stderr, exit 70, no hang, previous output kept',
  { timeout: 60_000 },
  async () => {
    const dir = tempDir();
    const input = bigInput();
    const out = join(dir, 'assignments.csv');
    writeFileSync(out, PREVIOUS);
    const preload = join(repoRoot, 'dist', 'test', 'support', 'crash-workers.js');
    const args = [
      'fit',
      '-i',
      input,
      '-k',
      '30',
      '--tol',
      '0',
      '--max-iter',
      '5000',
      '--threads',
      '2',
      '--out',
      out,
      '--quiet',
    ];
    const trigger = join(tempDir(), 'crash');
    const run = start(args, ['--import', preload], { CRASH_WORKER_ON: trigger });
    await run.progress(/k-means k=\d+: iteration /);
    writeFileSync(trigger, '');
    // a hang would be the test runner's timeout (see the test's options)
    const r = await run.exited;
    assert.equal(r.code, 70, r.stderr);
    const lines = messagesOf(r.stderr);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(
      lines[0],
      /^netflix-cluster: internal error: k-means: a worker thread exited unexpectedly \(code 7\)$/,
    );
    assert.equal(readFileSync(out, 'utf8'), PREVIOUS);
    assert.deepEqual(temps(dir), []);
  },
);
