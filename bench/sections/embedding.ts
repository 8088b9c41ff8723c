import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, repoRoot } from '../data.js';
import { median, round, runNode, waitForIdle } from '../measure.js';

export interface EmbeddingResult {
  readonly options: string;
  readonly threads: number;
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly runs: number[];
}

const bin = join(repoRoot, 'bin', 'netflix-cluster.js');
const rssHook = fileURLToPath(new URL('../rss-hook.js', import.meta.url));

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
  try {
    for (const extra of variants) {
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
      const times: number[] = [];
      const rss: number[] = [];
      for (let r = 0; r < runs; r++) {
        await waitForIdle();
        const run = await runNode(args, rssHook);
        if (run.code !== 0) throw new Error(`fit ${extra.join(' ')} failed (${run.code}): ${run.stderr.slice(-500)}`);
        times.push(run.seconds);
        if (run.peakRssMb !== null) rss.push(run.peakRssMb);
      }
      results.push({
        options: extra.join(' ') || '(plain)',
        threads,
        seconds: round(median(times)),
        peakRssMb: round(Math.max(...rss), 0),
        runs: times.map((t) => round(t)),
      });
    }
  } finally {
    rmSync(out, { force: true });
  }
  return results;
}
