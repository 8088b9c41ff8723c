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

/** Runs `fn` `runs` times, each once the machine is idle, and returns every result (callers take medians). */
export async function repeat<T>(runs: number, fn: (run: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let r = 0; r < runs; r++) {
    await waitForIdle();
    out.push(await fn(r));
  }
  return out;
}

/** How long waitForIdle may wait before each run, in seconds (0: never wait); set by run.ts. */
export const idleWait = { maxSeconds: 120, busyBelow: 0.1, log: (_line: string) => {} };

/** Busy fraction of all cores over the next `ms` milliseconds, from /proc/stat (null where there is none). */
async function busyFraction(ms: number): Promise<number | null> {
  const sample = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      const idle = f[3] + (f[4] ?? 0);
      return { idle, total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const a = sample();
  await new Promise((r) => setTimeout(r, ms));
  const b = sample();
  if (a === null || b === null || b.total === a.total) return null;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}

/**
 * The machine is shared: other work at the same time slows every number down. Waits (up to idleWait.maxSeconds)
 * until the cores have been idle for two seconds in a row, and returns the busy fraction it last saw.
 */
export async function waitForIdle(): Promise<number | null> {
  if (idleWait.maxSeconds === 0) return null;
  const start = Date.now();
  let quiet = 0;
  let busy: number | null = null;
  while (Date.now() - start < idleWait.maxSeconds * 1000) {
    busy = await busyFraction(1000);
    if (busy === null) return null;
    quiet = busy < idleWait.busyBelow ? quiet + 1 : 0;
    if (quiet >= 2) return busy;
  }
  idleWait.log(
    `  (machine still busy: ${((busy ?? 0) * 100).toFixed(0)}% after ${idleWait.maxSeconds} s; measuring anyway)`,
  );
  return busy;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

export interface ChildRun {
  readonly code: number | null;
  readonly seconds: number;
  /** Peak resident set size of the child, in MB (from /usr/bin/time -v, else the child's own report). */
  readonly peakRssMb: number | null;
  /** CPU time over wall time, in percent (from /usr/bin/time -v): 200 is two busy cores. */
  readonly cpuPercent: number | null;
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
    const child = spawn(cmd, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NC_BENCH_RSS_FILE: rssFile },
    });
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
      const cpu = /Percent of CPU this job got: (\d+)%/.exec(stderr);
      resolve({ code, seconds, peakRssMb, cpuPercent: cpu ? Number(cpu[1]) : null, stdout, stderr });
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
