import type { InitMethod } from './init.js';

/**
 * The options and result of a k-means fit (fit.ts runs it; minibatch.ts is one of its algorithms): their own file so
 * that the algorithms share them without an import cycle.
 */

/** Why the batches of the minibatch algorithm stopped: the batch cap (--max-iter passes' worth), the centre shift (--tol), or the smoothed batch inertia. */
export type MiniBatchStop = 'max-iter' | 'tol' | 'no-improvement';

export interface MiniBatchInfo {
  /** Rows per batch (--batch-size, at most the number of rows). */
  readonly batchSize: number;
  readonly batches: number;
  /** Rows of the seeded sample k-means++ ran on: 3 x the batch size (at least 3k), at most every row. */
  readonly initRows: number;
  readonly stoppedBy: MiniBatchStop;
}

/** lloyd: the full fit (every row, every iteration); minibatch: Sculley's mini-batch k-means, a quick look (minibatch.ts). */
export type Algorithm = 'lloyd' | 'minibatch';
export const algorithms: readonly Algorithm[] = ['lloyd', 'minibatch'];

export interface KMeansOptions {
  k: number;
  algorithm: Algorithm;
  /** Rows per batch of the minibatch algorithm (scikit-learn's default 1024); lloyd ignores it. */
  batchSize: number;
  seed: number;
  init: InitMethod;
  nInit: number;
  maxIter: number;
  /** Relative: the run stops when the centres move less than tol x the data's mean column variance. */
  tol: number;
  /** Given initial centres (row-major, k x nCols); overrides `init` and `nInit`. */
  initialCenters: Float64Array | null;
  /** Threads for the passes over the matrix when no runner is given; any count gives the same bits. */
  threads: number;
  /**
   * Called after each iteration, for progress lines, with that iteration's inertia computed from the cluster sums
   * (the row-by-row sum up to rounding; the result's inertia is the row-by-row one).
   */
  onIteration: ((iter: number, inertia: number) => void) | null;
}

export const defaultKMeansOptions: KMeansOptions = {
  k: 5,
  algorithm: 'lloyd',
  batchSize: 1024,
  seed: 0,
  init: 'k-means++',
  nInit: 1,
  maxIter: 300,
  tol: 1e-4,
  initialCenters: null,
  threads: 1,
  onIteration: null,
};

export interface KMeansResult {
  readonly k: number;
  /** Cluster of each row, 0..k-1. */
  readonly labels: Int32Array;
  /** Row-major k x nCols. */
  readonly centers: Float64Array;
  /** Sum of squared distances of rows to their centres. */
  readonly inertia: number;
  readonly nIter: number;
  readonly converged: boolean;
  readonly sizes: number[];
  /** How many times an empty cluster was re-seeded from the farthest point. */
  readonly emptyClustersReseeded: number;
  readonly timingsMs: { init: number; iterations: number };
  /** The minibatch algorithm's batches (nIter is their count); absent for lloyd. */
  readonly minibatch?: MiniBatchInfo;
}
