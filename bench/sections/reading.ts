import { fileURLToPath } from 'node:url';
import type { BenchData } from '../data.js';
import { median, round, runNode, waitForIdle } from '../measure.js';

export interface ReadResult {
  readonly input: 'CSV' | 'CSR';
  readonly threads: number;
  /** Medians over the runs: the read itself (in the child), MB/s of the file, and the child's peak RSS. */
  readonly seconds: number;
  readonly mbPerSecond: number;
  readonly mbPerSecondPerThread: number;
  /** MB per second of CPU time (all threads): what one core does, however busy the machine. */
  readonly mbPerCpuSecond: number;
  readonly peakRssMb: number;
}

const readOnce = fileURLToPath(new URL('../read-once.js', import.meta.url));
const rssHook = fileURLToPath(new URL('../rss-hook.js', import.meta.url));

/** Reads `path` in `runs` fresh processes (as the CLI would: cold JIT, fresh memory). */
export async function benchRead(
  path: string,
  bytes: number,
  input: 'CSV' | 'CSR',
  threads: number,
  runs: number,
): Promise<ReadResult> {
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  const rss: number[] = [];
  for (let r = 0; r < runs; r++) {
    await waitForIdle();
    const run = await runNode([readOnce, path, String(threads)], rssHook);
    if (run.code !== 0) throw new Error(`read of ${path} failed: ${run.stderr.slice(-400)}`);
    const report = JSON.parse(run.stdout) as { seconds: number; cpuSeconds: number };
    seconds.push(report.seconds);
    cpuSeconds.push(report.cpuSeconds);
    if (run.peakRssMb !== null) rss.push(run.peakRssMb);
  }
  const s = median(seconds);
  const mbPerSecond = bytes / 1e6 / s;
  return {
    input,
    threads,
    seconds: round(s),
    mbPerSecond: round(mbPerSecond, 1),
    mbPerSecondPerThread: round(mbPerSecond / threads, 1),
    mbPerCpuSecond: round(bytes / 1e6 / median(cpuSeconds), 1),
    peakRssMb: round(median(rss), 0),
  };
}

/** The CSV with each thread count, then the CSR file. */
export async function benchReading(data: BenchData, runs: number, threadCounts: number[]): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for (const t of threadCounts) out.push(await benchRead(data.csv, data.csvBytes, 'CSV', t, runs));
  out.push(await benchRead(data.csr, data.csrBytes, 'CSR', 1, runs));
  return out;
}
