import { readRatings } from '../../src/io/read-ratings.js';
import { fitKMeans } from '../../src/kmeans/fit.js';
import { initialCenters } from '../../src/kmeans/init.js';
import { toRowMajor } from '../../src/kmeans/layout.js';
import { fitWithMlKmeans } from '../../src/kmeans/ml-kmeans-engine.js';
import { SerialRunner } from '../../src/kmeans/passes/serial-runner.js';
import { Rng } from '../../src/util/random.js';
import { median, repeat, round } from '../measure.js';

export interface EngineRow {
  readonly rows: number;
  readonly mlKmeansSeconds: number;
  readonly sparseSeconds: number;
  readonly speedup: number;
  readonly mlKmeansIterations: number;
  readonly sparseIterations: number;
  /** Rows whose labels differ between the engines (0: identical). */
  readonly labelsDiffering: number;
}

/**
 * ml-kmeans (dense number[][]) against the sparse engine (one thread, the serial runner) on the first `rows`
 * customers, both from the same k-means++ centres and with tol = 0 (both stop when the labels stop changing).
 * The times include what each engine needs before iterating: densifying for ml-kmeans.
 */
export async function benchEngines(csr: string, sizes: number[], runs: number): Promise<EngineRow[]> {
  const out: EngineRow[] = [];
  for (const rows of sizes) {
    const m = (await readRatings(csr, { rows })).matrix;
    const k = 5;
    const start = toRowMajor(
      await initialCenters(m, k, 'k-means++', new Rng(0).fork(), new SerialRunner(m)),
      k,
      m.nCols,
    );
    const options = { k, initialCenters: start, tol: 0, maxIter: 300 };
    const dense = await repeat(runs, async () => {
      const t0 = performance.now();
      const r = await fitWithMlKmeans(m, options);
      return { r, seconds: (performance.now() - t0) / 1000 };
    });
    const sparse = await repeat(runs, async () => {
      const t0 = performance.now();
      const r = await fitKMeans(m, options);
      return { r, seconds: (performance.now() - t0) / 1000 };
    });
    let differing = 0;
    const a = dense[0].r.labels;
    const b = sparse[0].r.labels;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differing++;
    const mlKmeansSeconds = median(dense.map((x) => x.seconds));
    const sparseSeconds = median(sparse.map((x) => x.seconds));
    out.push({
      rows,
      mlKmeansSeconds: round(mlKmeansSeconds),
      sparseSeconds: round(sparseSeconds),
      speedup: round(mlKmeansSeconds / sparseSeconds, 1),
      mlKmeansIterations: dense[0].r.nIter,
      sparseIterations: sparse[0].r.nIter,
      labelsDiffering: differing,
    });
  }
  return out;
}
