import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, repoRoot } from '../data.js';
import { median, round, runNode, waitForIdle } from '../measure.js';

export interface EndToEndResult {
  readonly input: string;
  readonly threads: number;
  /** What ran. */
  readonly command: string;
  readonly seconds: number;
  readonly peakRssMb: number;
  /** Median CPU time over wall time, in percent: 200 means both cores were ours throughout. */
  readonly cpuPercent: number | null;
  readonly runs: number[];
}

const bin = join(repoRoot, 'bin', 'netflix-cluster.js');
const rssHook = fileURLToPath(new URL('../rss-hook.js', import.meta.url));

/** Wall seconds, peak RSS and CPU percent of each run of `fit --k 5 --seed 0` plus `extra`, a fresh process each. */
export interface FitRuns {
  readonly times: number[];
  readonly rss: number[];
  readonly cpu: number[];
}

/** `fit` on `input` into `out`, `runs` times, each after the machine goes idle; `out` is removed afterwards. */
export async function timeFitRuns(
  input: string,
  out: string,
  threads: number,
  runs: number,
  extra: readonly string[] = [],
): Promise<FitRuns> {
  const args = [
    bin,
    'fit',
    '--input',
    input,
    '--out',
    out,
    '--threads',
    String(threads),
    '--k',
    '5',
    '--seed',
    '0',
    '--quiet',
    ...extra,
  ];
  const result: FitRuns = { times: [], rss: [], cpu: [] };
  try {
    for (let r = 0; r < runs; r++) {
      await waitForIdle();
      const run = await runNode(args, rssHook);
      if (run.code !== 0) throw new Error(`fit ${extra.join(' ')} failed (${run.code}): ${run.stderr.slice(-500)}`);
      result.times.push(run.seconds);
      if (run.peakRssMb !== null) result.rss.push(run.peakRssMb);
      if (run.cpuPercent !== null) result.cpu.push(run.cpuPercent);
    }
  } finally {
    rmSync(out, { force: true });
  }
  return result;
}

/** input -> assignments CSV, k = 5, as a user runs it: a fresh process, wall time and peak RSS. */
export async function benchEndToEnd(input: string, threads: number, runs: number): Promise<EndToEndResult> {
  const { times, rss, cpu } = await timeFitRuns(input, join(cacheDir, `assignments-${process.pid}.csv`), threads, runs);
  return {
    input,
    threads,
    command: `netflix-cluster fit --input ${input.split('/').pop()} --out assignments.csv --threads ${threads} --k 5 --seed 0 --quiet`,
    seconds: round(median(times)),
    peakRssMb: round(Math.max(...rss), 0),
    cpuPercent: cpu.length ? median(cpu) : null,
    runs: times.map((t) => round(t)),
  };
}
