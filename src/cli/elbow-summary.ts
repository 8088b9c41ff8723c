import type { ElbowResult } from '../metrics/elbow.js';
import type { Algorithm } from '../kmeans/kmeans-types.js';
import { messages } from '../messages.js';
import { balanceWarning, clusterBalance } from '../metrics/cluster-balance.js';
import { embeddingJson } from '../matrix/representation.js';
import { pointsLine, usesTasteOptions } from './fit-summary.js';
import { matrixSummaryJson, type MatrixSummary } from './matrix-summary.js';
import { alignedTable, matrixLine, noteLine, secs } from './format.js';

/** Everything the elbow command reports, for the stderr table, --json and the report. */
export interface ElbowSummary extends MatrixSummary {
  seed: number;
  init: string;
  nInit: number;
  /** lloyd, or minibatch (then each k's `nIter` counts batches). */
  algorithm: Algorithm;
  batchSize: number;
  maxIter: number;
  tol: number;
  silhouetteSample: number;
  result: ElbowResult;
  timingsMs: Record<string, number>;
}

const score = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '-');

export function silhouetteLine(s: ElbowSummary): string {
  const r = s.result;
  return r.silhouetteExact
    ? messages.silhouetteExact(r.silhouetteRows)
    : messages.silhouetteSampled(r.silhouetteRows, s.rows);
}

/** The table, one line per k: the command's result, for stdout or --out. */
export function formatElbowTable(s: ElbowSummary): string {
  const steps = s.algorithm === 'minibatch' ? 'batches' : 'iter';
  const header = ['k', 'inertia', 'silhouette', 'davies-bouldin', 'calinski-harabasz', steps, 'time'];
  const body = s.result.rows.map((r) => [
    String(r.k),
    r.inertia.toPrecision(8),
    score(r.silhouette, 4),
    score(r.daviesBouldin, 4),
    score(r.calinskiHarabasz, 2),
    `${r.nIter}${r.converged ? '' : '*'}`,
    secs(r.timeMs),
  ]);
  return alignedTable(header, body).join('\n');
}

/** What goes on stderr around the table: the shared settings before it, the timings and notes after it. */
export function formatElbowSettings(s: ElbowSummary): { before: string; after: string } {
  const t = s.timingsMs;
  const before = [
    `input       ${s.input}`,
    matrixLine(s),
    `k-means     seed=${s.seed}  init=${s.init}  n-init=${s.nInit}  max-iter=${s.maxIter}  tol=${s.tol}` +
      (s.algorithm === 'minibatch' ? `  algorithm=minibatch  batch-size=${s.batchSize}` : ''),
    ...(s.representation && pointsLine(s.representation) ? [`points      ${pointsLine(s.representation)}`] : []),
    `metrics     ${silhouetteLine(s)}`,
  ];
  const after = [
    `time        read ${secs(t.read)}   fits ${secs(t.fits)}   silhouette ${secs(t.silhouette)} (one pass for all k)` +
      (t.plot === undefined ? '' : `   plot ${secs(t.plot)}`) +
      (t.report === undefined ? '' : `   report ${secs(t.report)}`),
  ];
  const notConverged = s.result.rows.filter((r) => !r.converged).map((r) => r.k);
  if (notConverged.length > 0) after.push(noteLine(`* ${messages.notConvergedNote(notConverged)}`));
  if (s.result.rows.some((r) => !Number.isFinite(r.silhouette) || !Number.isFinite(r.daviesBouldin))) {
    after.push(noteLine(messages.undefinedScoresNote()));
  }
  if (s.emptyRows > 0) after.push(noteLine(messages.emptyRowsNote(s.emptyRows)));
  const zeroRows = s.zeroRows ?? 0;
  const normalize = s.representation?.normalize ?? false;
  if (zeroRows > 0 && (normalize || zeroRows > s.emptyRows))
    after.push(noteLine(messages.zeroRowsNote(zeroRows, normalize)));
  after.push(
    `balance     ${s.result.rows.map((r) => `k=${r.k}: largest ${(100 * clusterBalance(r.sizes).largestShare).toFixed(1)}%, smallest ${(100 * clusterBalance(r.sizes).smallestShare).toFixed(1)}%`).join('   ')}`,
  );
  const unbalanced = s.result.rows.filter((r) => clusterBalance(r.sizes).unbalanced).map((r) => r.k);
  if (unbalanced.length > 0) {
    const suggestion =
      s.representation !== undefined && usesTasteOptions(s.representation)
        ? messages.balanceSuggestionOther()
        : messages.balanceSuggestion();
    after.push(`warning     ${messages.unbalancedKs(unbalanced, suggestion)}`);
  }
  return { before: before.join('\n'), after: after.join('\n') };
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** The same as one JSON object (`--json`): the settings, then `results` with one entry per k. */
export function elbowSummaryJson(s: ElbowSummary): Record<string, unknown> {
  const r = s.result;
  return {
    command: 'elbow',
    ...matrixSummaryJson(s),
    normalize: s.representation?.normalize ?? false,
    zeroRows: s.zeroRows ?? 0,
    embedding: s.representation ? embeddingJson(s.representation) : null,
    seed: s.seed,
    init: s.init,
    nInit: s.nInit,
    algorithm: s.algorithm,
    ...(s.algorithm === 'minibatch' ? { batchSize: s.batchSize } : {}),
    maxIter: s.maxIter,
    tol: s.tol,
    silhouette: { sampleSize: s.silhouetteSample, rows: r.silhouetteRows, exact: r.silhouetteExact },
    results: r.rows.map((row) => ({
      k: row.k,
      inertia: row.inertia,
      silhouette: finite(row.silhouette),
      daviesBouldin: finite(row.daviesBouldin),
      calinskiHarabasz: finite(row.calinskiHarabasz),
      nIter: row.nIter,
      converged: row.converged,
      sizes: row.sizes,
      balance: ((b) => ({
        ...b,
        warning: balanceWarning(b, s.representation !== undefined && usesTasteOptions(s.representation)),
      }))(clusterBalance(row.sizes)),
      timeMs: Math.round(row.timeMs * 10) / 10,
    })),
    timingsMs: s.timingsMs,
  };
}
