/** Timing, medians and child processes for the benchmark. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Runs `fn` `runs` times and returns every result (callers take medians of the fields they need). */
export async function repeat<T>(runs: number, fn: (run: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let r = 0; r < runs; r++) out.push(await fn(r));
  return out;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The machine is shared: other work running at the same time slows every number down. Before a measurement this
 * waits (up to `maxSeconds`) for the 1-minute load average to fall below `below`, and reports what it saw.
 */
export async function waitForQuiet(below: number, maxSeconds: number): Promise<number> {
  const start = Date.now();
  while (loadavg()[0] >= below && Date.now() - start < maxSeconds * 1000) await new Promise((r) => setTimeout(r, 5000));
  return loadavg()[0];
}

export interface ChildRun {
  readonly code: number | null;
  readonly seconds: number;
  /** Peak resident set size of the child, in MB (from /usr/bin/time -v, else the child's own report). */
  readonly peakRssMb: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const gnuTime = '/usr/bin/time';

/** Runs `node args...` as a child and measures its wall time and peak RSS. */
export function runNode(args: string[], rssHook: string): Promise<ChildRun> {
  const useTime = existsSync(gnuTime);
  const rssFile = `/tmp/nc-bench-rss-${process.pid}-${Date.now()}`;
  const cmd = useTime ? gnuTime : process.execPath;
  const argv = useTime ? ['-v', process.execPath, ...args] : ['--import', rssHook, ...args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NC_BENCH_RSS_FILE: rssFile } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      let peakRssMb: number | null = null;
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (m) peakRssMb = Number(m[1]) / 1024;
      else if (existsSync(rssFile)) peakRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
      rmSync(rssFile, { force: true });
      resolve({ code, seconds, peakRssMb, stdout, stderr });
    });
  });
}

export interface MachineInfo {
  readonly cpus: number;
  readonly model: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly loadAtStart: number[];
}

export function machineInfo(): MachineInfo {
  return {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAtStart: loadavg().map((x) => round(x, 2)),
  };
}
