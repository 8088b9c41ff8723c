import { readRatings } from '../../src/io/read-ratings.js';
import type { BenchData } from '../data.js';
import { median, repeat, round, timed } from '../measure.js';

export interface ReadingResult {
  readonly csvBytes: number;
  /** Median seconds and MB/s of the CSV read with 1 and 2 threads, and of the CSR file. */
  readonly csv: { threads: number; seconds: number; mbPerSecond: number; mbPerSecondPerThread: number }[];
  readonly csr: { seconds: number; bytes: number };
}

/** CSV -> CSR matrix with the streaming reader (1 thread) and the parallel one (2 threads); then the CSR file. */
export async function benchReading(data: BenchData, runs: number, threadCounts: number[]): Promise<ReadingResult> {
  const csv = [];
  for (const threads of threadCounts) {
    const seconds = median((await repeat(runs, () => timed(() => readRatings(data.csv, { threads })))).map((r) => r.seconds));
    const mbPerSecond = data.csvBytes / 1e6 / seconds;
    csv.push({ threads, seconds: round(seconds), mbPerSecond: round(mbPerSecond, 1), mbPerSecondPerThread: round(mbPerSecond / threads, 1) });
  }
  const csrRuns = await repeat(runs, () => timed(() => readRatings(data.csr)));
  const m = csrRuns[0].value.matrix;
  const bytes = m.rowPtr[m.nRows] * (m.colIdx.BYTES_PER_ELEMENT + 4) + m.nRows * 12;
  return { csvBytes: data.csvBytes, csv, csr: { seconds: round(median(csrRuns.map((r) => r.seconds))), bytes } };
}
