import type { CsrMatrix } from '../matrix/csr.js';
import { evaluateClusterings } from '../metrics/evaluate.js';
import type { ClusterProfiles } from '../metrics/profiles.js';
import type { HeatmapReport } from '../plot/heatmaps.js';
import { writeReport, type ReportImage } from '../report/markdown.js';
import type { Log } from '../util/log.js';
import type { FitCliOptions } from './fit-options.js';
import { inputArgv } from './input-options.js';
import { kmeansOptionRows, pushOptionRow } from './kmeans-options.js';
import { Progress } from './progress.js';
import type { FitSummary } from './fit-summary.js';

/** The options that shape a fit's result, as the report shows them and as the reproducing command spells them. */
export function fitOptionRows(opts: FitCliOptions): Array<[string, string | number]> {
  return [
    ['--k', opts.k],
    ...kmeansOptionRows(opts),
    ['--engine', opts.engine],
    ['--min-support', opts.minSupport],
    ['--silhouette-sample', opts.silhouetteSample],
  ];
}

export function fitArgv(opts: FitCliOptions): string[] {
  // --format and --columns shape what is read: the command must name them to reproduce the run
  const argv = ['fit', ...inputArgv(opts)];
  for (const [flag, value] of fitOptionRows(opts)) pushOptionRow(argv, flag, value);
  if (opts.titles !== undefined) argv.push('--titles', opts.titles);
  if (opts.out !== undefined) argv.push('--out', opts.out);
  if (opts.heatmaps !== undefined) {
    argv.push(
      '--heatmaps',
      opts.heatmaps,
      '--max-users',
      String(opts.maxUsers),
      '--max-movies',
      String(opts.maxMovies),
    );
    argv.push(
      '--min-cluster-size',
      String(opts.minClusterSize),
      '--select',
      opts.select,
      '--scale',
      String(opts.scale),
    );
  }
  if (opts.report !== undefined) argv.push('--report', opts.report);
  return argv;
}

/** `fit --report`: scores the clustering (silhouette on a seeded sample, Davies-Bouldin, Calinski-Harabasz) and writes Markdown. */
export async function writeFitReport(
  path: string,
  opts: FitCliOptions,
  summary: FitSummary,
  matrix: CsrMatrix,
  profiles: ClusterProfiles,
  heatmaps: HeatmapReport | null,
  log: Log,
): Promise<void> {
  const progress = new Progress(log, 'silhouette', { unit: 'pairs' });
  const ev = await evaluateClusterings(matrix, [{ labels: summary.result.labels, k: opts.k }], {
    silhouetteSample: opts.silhouetteSample,
    seed: opts.seed,
    onSilhouetteProgress: (done, total) => {
      progress.setTotal(total);
      progress.update(done);
    },
  });
  progress.done();
  const images: ReportImage[] = [];
  if (heatmaps?.combinedPath)
    images.push({ path: heatmaps.combinedPath, caption: 'All drawn clusters, one colour scale' });
  for (const h of heatmaps?.drawn ?? []) images.push({ path: h.path, caption: h.title });
  await writeReport(path, {
    command: fitArgv(opts),
    data: {
      source: summary.input,
      rows: summary.rows,
      cols: summary.cols,
      nnz: summary.nnz,
      matrix: summary.matrix,
      emptyRows: summary.emptyRows,
    },
    options: fitOptionRows(opts),
    fit: {
      k: summary.k,
      init: summary.init,
      nInit: summary.nInit,
      seed: summary.seed,
      engine: summary.engine,
      result: summary.result,
      timingsMs: summary.timingsMs,
    },
    scores: { ...ev.scores[0], silhouetteRows: ev.silhouetteRows, silhouetteExact: ev.silhouetteExact },
    profiles,
    heatmaps: images,
    heatmapsNotDrawn: heatmaps ? { clusters: heatmaps.skipped, minClusterSize: heatmaps.minClusterSize } : undefined,
    heatmapsStale: heatmaps?.stale,
    generatedAt: new Date(),
  });
}
