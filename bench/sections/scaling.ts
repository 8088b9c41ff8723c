import { readRatings } from '../../src/io/read-ratings.js';
import type { BenchData } from '../data.js';
import { round } from '../measure.js';
import { benchFit } from './fitting.js';
import { benchRead } from './reading.js';

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
    const csvRead = await benchRead(d.csv, d.csvBytes, 'CSV', threads, runs);
    const csrRead = await benchRead(d.csr, d.csrBytes, 'CSR', 1, runs);
    const m = (await readRatings(d.csr)).matrix;
    const fit = await benchFit(m, 'ratings', threads, runs);
    const readCsvSeconds = csvRead.seconds;
    rows.push({
      customers: d.customers,
      ratings: m.rowPtr[m.nRows],
      csvBytes: d.csvBytes,
      readCsvSeconds: round(readCsvSeconds),
      readCsrSeconds: csrRead.seconds,
      fitSeconds: fit.totalSeconds,
      iterations: fit.iterations,
      secondsPerIteration: fit.secondsPerIteration,
      nsPerRatingIteration: fit.nsPerRatingIteration,
      readNsPerByte: round((readCsvSeconds * 1e9) / d.csvBytes, 2),
    });
  }
  return rows;
}
