import { join } from 'node:path';
import { cacheDir } from '../data.js';
import { median, round } from '../measure.js';
import { timeFitRuns } from './e2e.js';

export interface EmbeddingResult {
  readonly options: string;
  readonly threads: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly runs: number[];
}

/**
 * What the taste options cost: `fit` on the full shape (CSR input, k = 5) plain, with the SVD to 20 dimensions
 * alone (issue 12's target: it adds at most the plain run's time), with the residual matrix alone, and with all
 * three (residual, SVD, unit-length rows). Fresh process per run: wall time and peak RSS.
 */
export async function benchEmbedding(input: string, threads: number, runs: number): Promise<EmbeddingResult[]> {
  const variants: string[][] = [
    [],
    ['--embed', '20'],
    ['--matrix', 'residual'],
    ['--matrix', 'residual', '--normalize', '--embed', '20'],
  ];
  const out = join(cacheDir, `embed-assignments-${process.pid}.csv`);
  const results: EmbeddingResult[] = [];
  for (const extra of variants) {
    const { times, rss } = await timeFitRuns(input, out, threads, runs, extra);
    results.push({
      options: extra.join(' ') || '(plain)',
      threads,
      seconds: round(median(times)),
      peakRssMb: round(Math.max(...rss), 0),
      runs: times.map((t) => round(t)),
    });
  }
  return results;
}
