import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { binPath, repoRoot, runCli, tempDir } from '../helpers.js';

/**
 * Faults through the built binary: a SIGINT/SIGTERM in the middle of a long run stops it within a second with
 * 130/143, leaves the previous output as it was and no temporary file behind; a worker thread that dies mid-run
 * becomes one line on stderr and a non-zero exit, not a hang.
 */

const PREVIOUS = 'previous output\n';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Started {
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; at: number }>;
  kill(signal: NodeJS.Signals): number;
}

function start(args: string[], nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, [...nodeArgs, binPath, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; at: number }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr, at: Date.now() })),
  );
  return {
    exited,
    kill: (signal) => {
      child.kill(signal);
      return Date.now();
    },
  };
}

/** Polls until `ready` holds (the run has got going), failing after `ms`. */
async function waitFor(ready: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const temps = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.') || f.endsWith('.tmp'));

for (const [signal, code] of [
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const) {
  test(`${signal} while generate writes a big file: exit ${code} within a second, previous file kept, no temp`, async () => {
    const dir = tempDir();
    const out = join(dir, 'big.csv');
    writeFileSync(out, PREVIOUS);
    // the full default shape is ~1 GB of CSV: it is certainly still writing when the signal comes
    const run = start(['generate', '--out', out, '--quiet']);
    await waitFor(() => temps(dir).length > 0, 20_000, 'the temporary file');
    await sleep(200);
    const sentAt = run.kill(signal);
    const r = await run.exited;
    assert.equal(r.code, code, r.stderr);
    assert.ok(r.at - sentAt < 1000, `stopped in ${r.at - sentAt} ms`);
    assert.equal(readFileSync(out, 'utf8'), PREVIOUS);
    assert.deepEqual(temps(dir), []);
  });
}

/** A pivot big enough that k = 30 with --tol 0 runs for several seconds. */
function bigInput(dir: string): string {
  const input = join(dir, 'in.csv');
  const g = runCli(['generate', '--rows', '3000', '--out', input, '--quiet']);
  assert.equal(g.code, 0, g.stderr);
  return input;
}

for (const threads of [1, 2]) {
  test(`SIGINT during fit --threads ${threads}: exit 130 within a second, previous outputs kept, no temp`, async () => {
    const dir = tempDir();
    const input = bigInput(dir);
    const out = join(dir, 'assignments.csv');
    const model = join(dir, 'model.json');
    writeFileSync(out, PREVIOUS);
    writeFileSync(model, PREVIOUS);
    const args = ['fit', '-i', input, '-k', '30', '--tol', '0', '--max-iter', '5000', '--threads', String(threads)];
    const run = start([...args, '--out', out, '--save-model', model, '--quiet']);
    // reading 20 MB takes well under a second; then it is fitting
    await sleep(1500);
    const sentAt = run.kill('SIGINT');
    const r = await run.exited;
    assert.equal(r.code, 130, `the fit should still have been running: ${r.stderr}`);
    assert.ok(r.at - sentAt < 1000, `stopped in ${r.at - sentAt} ms`);
    assert.equal(readFileSync(out, 'utf8'), PREVIOUS);
    assert.equal(readFileSync(model, 'utf8'), PREVIOUS);
    assert.deepEqual(temps(dir), []);
  });
}

test('a worker thread that dies mid-fit: one line on stderr, exit 70, no hang, previous output kept', async () => {
  const dir = tempDir();
  const input = bigInput(dir);
  const out = join(dir, 'assignments.csv');
  writeFileSync(out, PREVIOUS);
  const preload = join(repoRoot, 'dist', 'test', 'support', 'crash-workers.js');
  const args = ['fit', '-i', input, '-k', '30', '--tol', '0', '--max-iter', '5000', '--threads', '2', '--out', out, '--quiet'];
  const run = start(args, ['--import', preload], { CRASH_WORKER_MS: '800' });
  const r = await Promise.race([run.exited, sleep(30_000).then(() => null)]);
  if (r === null) {
    run.kill('SIGKILL');
    assert.fail('the CLI hung after its worker died');
  }
  assert.equal(r.code, 70, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /^netflix-cluster: internal error: k-means: a worker thread exited unexpectedly \(code 7\)$/);
  assert.equal(readFileSync(out, 'utf8'), PREVIOUS);
  assert.deepEqual(temps(dir), []);
});
