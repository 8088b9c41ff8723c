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
 * What the taste options cost: `fit` on the full shape (CSR input, k = 5) plain, and with the residual matrix, an
 * SVD to 20 dimensions and unit-length rows (the SVD's default power iterations), and with 2 power iterations.
 * Fresh process per run: wall time and peak RSS.
 */
export async function benchEmbedding(input: string, threads: number, runs: number): Promise<EmbeddingResult[]> {
  const variants: string[][] = [
    [],
    ['--matrix', 'residual', '--normalize', '--embed', '20'],
    ['--matrix', 'residual', '--normalize', '--embed', '20', '--power-iterations', '2'],
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
