import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRatings } from '../../src/io/read-ratings.js';
import { fitKMeans } from '../../src/kmeans/fit.js';
import { Log } from '../../src/util/log.js';
import { median, repeat, round } from '../measure.js';

export type HeatmapResult =
  { readonly skipped: string } | { readonly rows: number; readonly seconds: number; readonly images: number };

/** The plotting module's entry, when this branch has it (src/plot is being written on another branch). */
interface PlotModule {
  drawHeatmaps(
    data: unknown,
    matrix: unknown,
    kind: string,
    labels: Int32Array,
    k: number,
    options: object,
    log: Log,
  ): Promise<{ drawn: unknown[] }>;
}

/**
 * A hook for the heatmaps: k = 5 on the first `rows` customers, then drawHeatmaps with its default limits into a
 * temporary directory. Measured only when src/plot is present; otherwise the result says why not.
 */
export async function benchHeatmaps(csr: string, rows: number, runs: number): Promise<HeatmapResult> {
  let plot: PlotModule;
  try {
    plot = (await import(new URL('../../src/plot/heatmaps.js', import.meta.url).href)) as PlotModule;
  } catch {
    return { skipped: 'src/plot/heatmaps is not on this branch' };
  }
  const data = await readRatings(csr, { rows });
  const result = await fitKMeans(data.matrix, { k: 5, seed: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'nc-bench-heatmaps-'));
  try {
    const options = { outDir: dir, scale: 2, spec: false, maxUsers: 70, maxMovies: 50, minClusterSize: 10 };
    const times = await repeat(runs, async () => {
      const t0 = performance.now();
      const report = await plot.drawHeatmaps(
        data,
        data.matrix,
        'ratings',
        result.labels,
        5,
        options,
        new Log({ quiet: true }),
      );
      return { seconds: (performance.now() - t0) / 1000, images: report.drawn.length };
    });
    return { rows, seconds: round(median(times.map((t) => t.seconds))), images: times[0].images };
  } catch (err) {
    return { skipped: `drawHeatmaps failed: ${(err as Error).message}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
