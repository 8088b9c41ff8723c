import { fileURLToPath } from 'node:url';
import type { KMeansResult } from '../kmeans/fit.js';
import { formatRatingRange, type RatingRange } from '../matrix/rating-range.js';
import { messages } from '../messages.js';
import { balanceWarning, clusterBalance, formatBalance } from '../metrics/cluster-balance.js';
import { embeddingJson, type FittedRepresentation } from '../matrix/representation.js';
import type { ClusterProfiles } from '../metrics/profiles.js';
import { profilesJson } from '../metrics/profiles-format.js';
import { matrixSummaryJson, type MatrixSummary } from './matrix-summary.js';
import { int, label, matrixLine, noteLine, secs } from './format.js';

/** How summaries name the bundled sample: the same words on every machine. */
export const bundledSampleLabel = 'data/sample.csv.gz (bundled sample)';

/** The sample shipped in data/, used when --input is not given. */
export function bundledSamplePath(): string {
  return fileURLToPath(new URL('../../../data/sample.csv.gz', import.meta.url));
}

export interface FitSummary extends MatrixSummary {
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

const plain = (matrix: string): FittedRepresentation => ({
  matrix: matrix as FittedRepresentation['matrix'],
  normalize: false,
  baseline: null,
  embedding: null,
});

/** The human summary printed on stderr after a fit. */
export function formatFitSummary(s: FitSummary): string {
  const r = s.result;
  const rep = s.representation ?? plain(s.matrix);
  const zeroRows = s.zeroRows ?? 0;
  const sizes = r.sizes.map((size, c) => `${c}: ${int(size)}`).join('   ');
  const t = s.timingsMs;
  const lines = [
    `input       ${s.input}`,
    matrixLine(s),
    `ratings     ${messages.ratingScale(formatRatingRange(s.ratingRange), s.ratingRangeGiven)}`,
    `k-means     k=${s.k}  seed=${s.seed}  init=${s.init}  n-init=${s.nInit}  engine=${s.engine}` +
      (r.minibatch ? `  algorithm=minibatch` : ''),
    r.minibatch
      ? `result      ${messages.minibatchResult(r.minibatch.batches, r.minibatch.batchSize, r.minibatch.stoppedBy, r.inertia.toPrecision(10))}`
      : `result      ${r.nIter} iterations, ${r.converged ? 'converged' : 'not converged (hit --max-iter)'}, inertia ${r.inertia.toPrecision(10)}`,
    ...(pointsLine(rep) ? [`points      ${pointsLine(rep)}`] : []),
    `clusters    ${sizes}`,
    `balance     ${formatBalance(clusterBalance(r.sizes))}`,
    `time        read ${secs(t.read)}   fit ${secs(t.fit)} (init ${secs(r.timingsMs.init)}, iterations ${secs(r.timingsMs.iterations)})   write ${secs(t.write)}` +
      (t.heatmaps === undefined ? '' : `   heatmaps ${secs(t.heatmaps)}`),
  ];
  if (s.emptyRows > 0) lines.push(noteLine(messages.emptyRowsNote(s.emptyRows)));
  if (r.emptyClustersReseeded > 0) lines.push(noteLine(messages.emptyClusterNote(r.emptyClustersReseeded)));
  if (zeroRows > 0 && (rep.normalize || zeroRows > s.emptyRows))
    lines.push(noteLine(messages.zeroRowsNote(zeroRows, rep.normalize)));
  const warning = balanceWarning(clusterBalance(r.sizes), usesTasteOptions(rep));
  if (warning !== null) lines.push(`${label('warning')}${warning}`);
  return lines.join('\n');
}

/** All three of --matrix residual, --embed and --normalize are in use: suggesting them would be no help. */
export function usesTasteOptions(r: FittedRepresentation): boolean {
  return r.matrix === 'residual' && r.normalize && r.embedding !== null;
}

/** `SVD to 20 dims (27.0% of the squared norm kept), unit length`, or '' for the plain matrix. */
export function pointsLine(r: FittedRepresentation): string {
  const parts: string[] = [];
  if (r.embedding) {
    const e = r.embedding;
    parts.push(
      `SVD to ${e.dims} dims (${(100 * e.explainedShare).toFixed(1)}% of the squared norm kept; singular values ${e.singularValues[0].toPrecision(4)} .. ${e.singularValues[e.dims - 1].toPrecision(4)})`,
    );
  }
  if (r.normalize) parts.push('unit length (cosine)');
  return parts.join(', then ');
}

/** The same as one JSON object, for scripts (`--json`). */
export function fitSummaryJson(s: FitSummary, profiles?: ClusterProfiles): Record<string, unknown> {
  const r = s.result;
  const rep = s.representation ?? plain(s.matrix);
  const balance = clusterBalance(r.sizes);
  return {
    ...matrixSummaryJson(s),
    normalize: rep.normalize,
    zeroRows: s.zeroRows ?? 0,
    embedding: embeddingJson(rep),
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
    balance: { ...balance, warning: balanceWarning(balance, usesTasteOptions(rep)) },
    emptyClustersReseeded: r.emptyClustersReseeded,
    // the full fit's keys stay as they were; a mini-batch fit says what it did
    ...(r.minibatch
      ? {
          algorithm: 'minibatch',
          batchSize: r.minibatch.batchSize,
          batches: r.minibatch.batches,
          initRows: r.minibatch.initRows,
          stoppedBy: r.minibatch.stoppedBy,
        }
      : {}),
    timingsMs: { ...s.timingsMs, init: r.timingsMs.init, iterations: r.timingsMs.iterations },
    ...(s.heatmaps ? { heatmaps: s.heatmaps } : {}),
    ...(profiles ? { profiles: profilesJson(profiles) } : {}),
  };
}
