import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchData } from '../data.js';
import { cacheDir, repoRoot } from '../data.js';
import { median, round, runNode, waitForIdle } from '../measure.js';

export interface ParquetResult {
  /** What was measured: our write (convert CSR -> Parquet), our read of it, and our read of DuckDB's copy. */
  readonly step: string;
  readonly ratings: number;
  readonly megabytes: number;
  /** Medians over the runs, each a fresh process: wall seconds, CPU seconds (all threads), peak RSS. */
  readonly seconds: number;
  readonly cpuSeconds: number | null;
  readonly peakRssMb: number;
  readonly runs: number[];
}

const bin = join(repoRoot, 'bin', 'netflix-cluster.js');
const readOnce = fileURLToPath(new URL('../read-once.js', import.meta.url));
const rssHook = fileURLToPath(new URL('../rss-hook.js', import.meta.url));

async function measure(
  step: string,
  args: string[],
  runs: number,
  sizeOf: () => Promise<number>,
): Promise<ParquetResult> {
  let ratings = 0;
  const times: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  for (let r = 0; r < runs; r++) {
    await waitForIdle();
    const run = await runNode(args, rssHook);
    if (run.code !== 0) throw new Error(`${step} failed: ${run.stderr.slice(-400)}`);
    times.push(run.seconds);
    // convert's summary line and read-once's JSON both give the ratings
    ratings = Number(/"ratings":(\d+)/.exec(run.stdout)?.[1] ?? /, (\d+) ratings,/.exec(run.stderr)?.[1] ?? 0);
    if (run.cpuPercent !== null) cpu.push((run.seconds * run.cpuPercent) / 100);
    if (run.peakRssMb !== null) rss.push(run.peakRssMb);
  }
  return {
    step,
    ratings,
    megabytes: round((await sizeOf()) / 1e6, 1),
    seconds: round(median(times)),
    cpuSeconds: cpu.length > 0 ? round(median(cpu)) : null,
    peakRssMb: round(median(rss), 0),
    runs: times.map((t) => round(t, 2)),
  };
}

/**
 * The full shape (72 M ratings) to Parquet and back (issue 18: under 30 s each on 2 cores, under 2 GB): `convert`
 * from the CSR file to `Cust_Id,movie,rating` Parquet, then reading that file into the CSR as every command does.
 * When DuckDB (a devDependency) is installed, also our read of the same ratings as DuckDB writes them (dictionary
 * encoding, its row groups): the path a user's own Parquet takes.
 */
export async function benchParquet(full: BenchData, runs: number, threads: number): Promise<ParquetResult[]> {
  const { stat } = await import('node:fs/promises');
  const ours = join(cacheDir, `full-${process.pid}.parquet`);
  const duck = join(cacheDir, `full-duckdb-${process.pid}.parquet`);
  const size = (p: string) => async () => (await stat(p)).size;
  const out: ParquetResult[] = [];
  try {
    const write = await measure('write: convert CSR -> Parquet', [bin, 'convert', full.csr, ours], runs, size(ours));
    out.push(write);
    const readArgs = (p: string) => [readOnce, p, String(threads)];
    out.push(await measure('read: our Parquet -> CSR', readArgs(ours), runs, size(ours)));
    const duckdb = await import('@duckdb/node-api').catch(() => null);
    if (duckdb !== null) {
      const db = await duckdb.DuckDBInstance.create(':memory:');
      const c = await db.connect();
      await c.run(`COPY (SELECT * FROM read_parquet('${ours}')) TO '${duck}' (FORMAT parquet)`);
      c.closeSync();
      out.push(await measure("read: DuckDB's Parquet -> CSR", readArgs(duck), runs, size(duck)));
    }
  } finally {
    rmSync(ours, { force: true });
    rmSync(duck, { force: true });
  }
  return out;
}
