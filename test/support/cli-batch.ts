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
  // whatever listeners a run adds to the process and its streams (signals, EPIPE) go when it is done
  const emitters: NodeJS.EventEmitter[] = [process, process.stdout, process.stderr];
  const before = emitters.map((e) => new Map(e.eventNames().map((n) => [n, e.listeners(n)])));
  try {
    await run([process.execPath, binPath, ...args]);
  } finally {
    streams.forEach(([stream], i) => (stream.write = originals[i]));
    emitters.forEach((e, i) => {
      for (const name of e.eventNames()) {
        const kept = before[i].get(name) ?? [];
        for (const l of e.listeners(name)) if (!kept.includes(l)) e.off(name, l as (...a: unknown[]) => void);
      }
    });
  }
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  return { code, ...captured };
}

const { binPath, runs } = JSON.parse(readFileSync(0, 'utf8')) as { binPath: string; runs: string[][] };
const results: CliRun[] = [];
for (const args of runs) results.push(await runOne(args, binPath));
process.stdout.write(JSON.stringify(results));
