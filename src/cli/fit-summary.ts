import { fileURLToPath } from 'node:url';
import type { KMeansResult } from '../kmeans/fit.js';
import { formatRatingRange, type RatingRange } from '../matrix/rating-range.js';
import { messages } from '../messages.js';
import type { ClusterProfiles } from '../metrics/profiles.js';
import { profilesJson } from '../metrics/profiles-format.js';
import { int, matrixLine, noteLine, secs } from './format.js';

/** How summaries name the bundled sample: the same words on every machine. */
export const bundledSampleLabel = 'data/sample.csv.gz (bundled sample)';

/** The sample shipped in data/, used when --input is not given. */
export function bundledSamplePath(): string {
  return fileURLToPath(new URL('../../../data/sample.csv.gz', import.meta.url));
}

export interface FitSummary {
  input: string;
  matrix: string;
  rows: number;
  cols: number;
  nnz: number;
  emptyRows: number;
  k: number;
  seed: number;
  init: string;
  nInit: number;
  engine: string;
  /** The scale of the ratings: --rating-range, else the one the ratings show (inferredRatingRange). */
  ratingRange: RatingRange;
  ratingRangeGiven: boolean;
  result: KMeansResult;
  timingsMs: Record<string, number>;
  /** With --heatmaps: exactly the files this run wrote, the clusters it did not draw, files left from earlier runs. */
  heatmaps?: { files: string[]; notDrawn: { cluster: number; size: number }[]; stale: string[] };
}


/** The human summary printed on stderr after a fit. */
export function formatFitSummary(s: FitSummary): string {
  const r = s.result;
  const sizes = r.sizes.map((size, c) => `${c}: ${int(size)}`).join('   ');
  const t = s.timingsMs;
  const lines = [
    `input       ${s.input}`,
    matrixLine(s),
    `ratings     ${messages.ratingScale(formatRatingRange(s.ratingRange), s.ratingRangeGiven)}`,
    `k-means     k=${s.k}  seed=${s.seed}  init=${s.init}  n-init=${s.nInit}  engine=${s.engine}`,
    `result      ${r.nIter} iterations, ${r.converged ? 'converged' : 'not converged (hit --max-iter)'}, inertia ${r.inertia.toPrecision(10)}`,
    `clusters    ${sizes}`,
    `time        read ${secs(t.read)}   fit ${secs(t.fit)} (init ${secs(r.timingsMs.init)}, iterations ${secs(r.timingsMs.iterations)})   write ${secs(t.write)}` +
      (t.heatmaps === undefined ? '' : `   heatmaps ${secs(t.heatmaps)}`),
  ];
  if (s.emptyRows > 0) lines.push(noteLine(messages.emptyRowsNote(s.emptyRows)));
  if (r.emptyClustersReseeded > 0) lines.push(noteLine(messages.emptyClusterNote(r.emptyClustersReseeded)));
  return lines.join('\n');
}

/** The same as one JSON object, for scripts (`--json`). */
export function fitSummaryJson(s: FitSummary, profiles?: ClusterProfiles): Record<string, unknown> {
  const r = s.result;
  return {
    input: s.input,
    matrix: s.matrix,
    rows: s.rows,
    cols: s.cols,
    nnz: s.nnz,
    emptyRows: s.emptyRows,
    ratingRange: s.ratingRange,
    k: s.k,
    seed: s.seed,
    init: s.init,
    nInit: s.nInit,
    engine: s.engine,
    inertia: r.inertia,
    nIter: r.nIter,
    converged: r.converged,
    sizes: r.sizes,
    emptyClustersReseeded: r.emptyClustersReseeded,
    timingsMs: { ...s.timingsMs, init: r.timingsMs.init, iterations: r.timingsMs.iterations },
    ...(s.heatmaps ? { heatmaps: s.heatmaps } : {}),
    ...(profiles ? { profiles: profilesJson(profiles) } : {}),
  };
}
