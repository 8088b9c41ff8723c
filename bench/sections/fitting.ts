import type { CsrMatrix } from '../../src/matrix/csr.js';
import { transformMatrix, type MatrixKind } from '../../src/matrix/transform.js';
import { median, repeat, round } from '../measure.js';
import { timedFit } from './timed-fit.js';

export interface FitResult {
  readonly kind: MatrixKind;
  readonly threads: number;
  readonly rows: number;
  readonly ratings: number;
  /** Medians, in seconds: starting the runner (workers, row norms), k-means++, the iterations, all of it. */
  readonly startSeconds: number;
  readonly initSeconds: number;
  readonly iterationsSeconds: number;
  readonly totalSeconds: number;
  readonly iterations: number;
  readonly secondsPerIteration: number;
  /** Per iteration, per stored rating (all threads together). */
  readonly nsPerRatingIteration: number;
  /**
   * CPU time of the whole fit (every thread) over its wall time: about `threads` on an idle machine, lower when
   * other work shares the cores.
   */
  readonly cpuPerWall: number;
  readonly inertia: number;
}

/** fit with k = 5, seed 0 (scikit-learn's defaults otherwise: k-means++, tol 1e-4, 300 iterations at most). */
export async function benchFit(source: CsrMatrix, kind: MatrixKind, threads: number, runs: number): Promise<FitResult> {
  const m = transformMatrix(source, kind);
  const results = (await repeat(runs, () => timedFit(m, { k: 5, seed: 0 }, threads))).map((x) => ({
    start: x.startSeconds,
    total: x.seconds,
    cpuPerWall: x.cpuSeconds / x.seconds,
    r: x.r,
  }));
  const r = results[0].r;
  const ratings = m.rowPtr[m.nRows];
  const perIter = median(results.map((x) => x.r.timingsMs.iterations / x.r.nIter)) / 1000;
  return {
    kind,
    threads,
    rows: m.nRows,
    ratings,
    startSeconds: round(median(results.map((x) => x.start))),
    initSeconds: round(median(results.map((x) => x.r.timingsMs.init)) / 1000),
    iterationsSeconds: round(median(results.map((x) => x.r.timingsMs.iterations)) / 1000),
    totalSeconds: round(median(results.map((x) => x.total))),
    iterations: r.nIter,
    secondsPerIteration: round(perIter, 4),
    nsPerRatingIteration: round((perIter * 1e9) / ratings, 2),
    cpuPerWall: round(median(results.map((x) => x.cpuPerWall)), 2),
    inertia: r.inertia,
  };
}
