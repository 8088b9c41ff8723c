import { fitKMeans, type KMeansResult } from '../../src/kmeans/fit.js';
import { createPassRunner } from '../../src/kmeans/passes/runner.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';
import { median, repeat, round } from '../measure.js';

export interface MiniBatchRow {
  readonly k: number;
  readonly batchSize: number;
  /** The full fit (lloyd, default options, seed 0): median seconds, iterations, inertia. */
  readonly fullSeconds: number;
  readonly fullIterations: number;
  readonly fullInertia: number;
  /** --algorithm minibatch, same seed: median seconds (final full assignment pass included), batches, inertia. */
  readonly miniSeconds: number;
  readonly batches: number;
  readonly stoppedBy: string;
  readonly miniInertia: number;
  /** minibatch time / full-fit time. */
  readonly timeRatio: number;
  /** minibatch inertia / full-fit inertia - 1 (both the inertia of one exact assignment of every row). */
  readonly inertiaGap: number;
}

/** The full fit and the mini-batch fit at each k, same matrix, same seed, same runner (one worker pool per k). */
export async function benchMiniBatch(
  m: CsrMatrix,
  ks: readonly number[],
  batchSize: number,
  threads: number,
  runs: number,
  log: (line: string) => void,
): Promise<MiniBatchRow[]> {
  const rows: MiniBatchRow[] = [];
  for (const k of ks) {
    const runner = await createPassRunner(m, threads);
    try {
      runner.rowNorms();
      const timed = (algorithm: 'lloyd' | 'minibatch') =>
        repeat(runs, async () => {
          const t0 = performance.now();
          const r: KMeansResult = await fitKMeans(m, { k, seed: 0, algorithm, batchSize }, runner);
          return { seconds: (performance.now() - t0) / 1000, r };
        });
      const full = await timed('lloyd');
      const mini = await timed('minibatch');
      const fullSeconds = median(full.map((x) => x.seconds));
      const miniSeconds = median(mini.map((x) => x.seconds));
      const f = full[0].r;
      const b = mini[0].r;
      rows.push({
        k,
        batchSize,
        fullSeconds: round(fullSeconds),
        fullIterations: f.nIter,
        fullInertia: f.inertia,
        miniSeconds: round(miniSeconds),
        batches: b.nIter,
        stoppedBy: b.minibatch?.stoppedBy ?? '',
        miniInertia: b.inertia,
        timeRatio: round(miniSeconds / fullSeconds),
        inertiaGap: round(b.inertia / f.inertia - 1, 4),
      });
      const last = rows[rows.length - 1];
      log(
        `  k=${k}: full ${last.fullSeconds} s (${f.nIter} iterations), minibatch ${last.miniSeconds} s (${b.nIter} batches, ${last.stoppedBy}), inertia gap ${(100 * last.inertiaGap).toFixed(2)}%`,
      );
    } finally {
      await runner.close();
    }
  }
  return rows;
}
