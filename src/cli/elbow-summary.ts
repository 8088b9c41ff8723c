import type { ElbowResult } from '../metrics/elbow.js';
import { messages } from '../messages.js';
import { clusterBalance, balanceWarning } from '../metrics/cluster-balance.js';
import { embeddingJson, type FittedRepresentation } from '../matrix/representation.js';
import { pointsLine, usesTasteOptions } from './fit-summary.js';

/** Everything the elbow command reports, for the stderr table, --json and the report. */
export interface ElbowSummary {
  input: string;
  matrix: string;
  rows: number;
  cols: number;
  nnz: number;
  emptyRows: number;
  /** How the customers became points; absent = the plain matrix. */
  representation?: FittedRepresentation;
  zeroRows?: number;
  seed: number;
  init: string;
  nInit: number;
  maxIter: number;
  tol: number;
  silhouetteSample: number;
  result: ElbowResult;
  timingsMs: Record<string, number>;
}

const int = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;
const score = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '-');

export function silhouetteLine(s: ElbowSummary): string {
  const r = s.result;
  return r.silhouetteExact ? messages.silhouetteExact(r.silhouetteRows) : messages.silhouetteSampled(r.silhouetteRows, s.rows);
}

/** The table printed on stderr: one line per k, the shared settings above, the timings below. */
export function formatElbowSummary(s: ElbowSummary): string {
  const density = (100 * s.nnz) / (s.rows * s.cols);
  const header = ['k', 'inertia', 'silhouette', 'davies-bouldin', 'calinski-harabasz', 'largest', 'smallest', 'iter', 'time'];
  const body = s.result.rows.map((r) => {
    const b = clusterBalance(r.sizes);
    return [
    String(r.k),
    r.inertia.toPrecision(8),
    score(r.silhouette, 4),
    score(r.daviesBouldin, 4),
    score(r.calinskiHarabasz, 2),
    `${(100 * b.largestShare).toFixed(1)}%`,
    `${(100 * b.smallestShare).toFixed(1)}%`,
    `${r.nIter}${r.converged ? '' : '*'}`,
    secs(r.timeMs),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  const t = s.timingsMs;
  const lines = [
    `input       ${s.input}`,
    `matrix      ${s.matrix}, ${int(s.rows)} customers x ${int(s.cols)} movies, ${int(s.nnz)} ratings (${density.toFixed(2)}% dense)`,
    `k-means     seed=${s.seed}  init=${s.init}  n-init=${s.nInit}  max-iter=${s.maxIter}  tol=${s.tol}`,
    ...(s.representation && pointsLine(s.representation) ? [`points      ${pointsLine(s.representation)}`] : []),
    `metrics     ${silhouetteLine(s)}`,
    '',
    line(header),
    ...body.map(line),
    '',
    `time        read ${secs(t.read)}   fits ${secs(t.fits)}   silhouette ${secs(t.silhouette)} (one pass for all k)` +
      (t.plot === undefined ? '' : `   plot ${secs(t.plot)}`) +
      (t.report === undefined ? '' : `   report ${secs(t.report)}`),
  ];
  const notConverged = s.result.rows.filter((r) => !r.converged).map((r) => r.k);
  if (notConverged.length > 0) lines.push(`note        * ${messages.notConvergedNote(notConverged)}`);
  if (s.result.rows.some((r) => !Number.isFinite(r.silhouette) || !Number.isFinite(r.daviesBouldin))) {
    lines.push(`note        ${messages.undefinedScoresNote()}`);
  }
  if (s.emptyRows > 0) lines.push(`note        ${messages.emptyRowsNote(s.emptyRows)}`);
  const zeroRows = s.zeroRows ?? 0;
  const normalize = s.representation?.normalize ?? false;
  if (zeroRows > 0 && (normalize || zeroRows > s.emptyRows)) lines.push(`note        ${messages.zeroRowsNote(zeroRows, normalize)}`);
  const unbalanced = s.result.rows.filter((r) => clusterBalance(r.sizes).unbalanced).map((r) => r.k);
  if (unbalanced.length > 0) {
    const taste = s.representation !== undefined && usesTasteOptions(s.representation);
    lines.push(`warning     ${messages.unbalancedKs(unbalanced, taste ? messages.balanceSuggestionOther() : messages.balanceSuggestion())}`);
  }
  return lines.join('\n');
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** The same as one JSON object (`--json`): the settings, then `results` with one entry per k. */
export function elbowSummaryJson(s: ElbowSummary): Record<string, unknown> {
  const r = s.result;
  return {
    command: 'elbow',
    input: s.input,
    matrix: s.matrix,
    rows: s.rows,
    cols: s.cols,
    nnz: s.nnz,
    emptyRows: s.emptyRows,
    normalize: s.representation?.normalize ?? false,
    zeroRows: s.zeroRows ?? 0,
    embedding: s.representation ? embeddingJson(s.representation) : null,
    seed: s.seed,
    init: s.init,
    nInit: s.nInit,
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
      balance: ((b) => ({ ...b, warning: balanceWarning(b, s.representation !== undefined && usesTasteOptions(s.representation)) }))(clusterBalance(row.sizes)),
      timeMs: Math.round(row.timeMs * 10) / 10,
    })),
    timingsMs: s.timingsMs,
  };
}
