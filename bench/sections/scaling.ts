import { readRatings } from '../../src/io/read-ratings.js';
import type { BenchData } from '../data.js';
import { median, repeat, round, timed } from '../measure.js';
import { benchFit } from './fitting.js';

export interface ScalingRow {
  readonly customers: number;
  readonly ratings: number;
  readonly csvBytes: number;
  readonly readCsvSeconds: number;
  readonly readCsrSeconds: number;
  readonly fitSeconds: number;
  readonly iterations: number;
  readonly secondsPerIteration: number;
  readonly nsPerRatingIteration: number;
  /** Reading and one iteration, per rating: flat when cost is linear in ratings. */
  readonly readNsPerByte: number;
}

/** The same measures at several sizes (prefixes of the same generation), to see how cost grows. */
export async function benchScaling(sizes: BenchData[], threads: number, runs: number): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const d of sizes) {
    const csvRuns = await repeat(runs, () => timed(() => readRatings(d.csv, { threads })));
    const csrRuns = await repeat(runs, () => timed(() => readRatings(d.csr)));
    const m = csrRuns[0].value.matrix;
    const fit = await benchFit(m, 'ratings', threads, runs);
    const readCsvSeconds = median(csvRuns.map((r) => r.seconds));
    rows.push({
      customers: d.customers,
      ratings: m.rowPtr[m.nRows],
      csvBytes: d.csvBytes,
      readCsvSeconds: round(readCsvSeconds),
      readCsrSeconds: round(median(csrRuns.map((r) => r.seconds))),
      fitSeconds: fit.totalSeconds,
      iterations: fit.iterations,
      secondsPerIteration: fit.secondsPerIteration,
      nsPerRatingIteration: fit.nsPerRatingIteration,
      readNsPerByte: round((readCsvSeconds * 1e9) / d.csvBytes, 2),
    });
  }
  return rows;
}
