/**
 * Runs many CLI invocations in one process, for the bad-input corpus: a JSON array of argument lists on stdin, a
 * JSON array of { code, stdout, stderr } on stdout. Each goes through `run`, the function bin/netflix-cluster.js
 * calls, with process.stdout and process.stderr captured, then the listeners and exit code it set are put back.
 * Starting node and loading the CLI once instead of once a case is most of what a failed run costs.
 */
import { readFileSync } from 'node:fs';
import { run } from '../../src/cli/index.js';
import type { CliRun } from '../helpers.js';

type Write = typeof process.stdout.write;

async function runOne(args: readonly string[], binPath: string): Promise<CliRun> {
  const captured = { stdout: '', stderr: '' };
  const streams = [
    [process.stdout, 'stdout'],
    [process.stderr, 'stderr'],
  ] as const;
  const originals = streams.map(([s]) => s.write);
  for (const [stream, name] of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    }) as Write;
  }
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = signals.map((s) => process.listeners(s));
  const stdoutErrors = process.stdout.listeners('error');
  try {
    await run([process.execPath, binPath, ...args]);
  } finally {
    streams.forEach(([stream], i) => (stream.write = originals[i]));
    signals.forEach((s, i) => {
      for (const l of process.listeners(s)) if (!before[i].includes(l)) process.off(s, l);
    });
    for (const l of process.stdout.listeners('error')) {
      if (!stdoutErrors.includes(l)) process.stdout.off('error', l as (err: Error) => void);
    }
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { code, ...captured };
}

const { binPath, runs } = JSON.parse(readFileSync(0, 'utf8')) as { binPath: string; runs: string[][] };
const results: CliRun[] = [];
for (const args of runs) results.push(await runOne(args, binPath));
process.stdout.write(JSON.stringify(results));
