/**
 * What a pass over the matrix is asked to do, one object per kind of pass: the runner (serial or worker threads),
 * the per-thread BlockEngine and the worker protocol all take these.
 */

/** A Lloyd pass: label every row against k centres, optionally with the distances and the cluster sums. */
export interface LloydWork {
  /** The k centres, transposed (`centersT[col * k + c]`). */
  readonly centersT: Float64Array;
  /** Their squared norms (centerSquaredNorms). */
  readonly cNorms: Float64Array;
  readonly k: number;
  /** Receives the nearest centre of each row (the lower index on ties). */
  readonly labels: Int32Array;
  /**
   * Receives each row's squared distance to its centre; null when the distances are not wanted (the iterations
   * of Lloyd need only labels and sums): a runner may then skip the rows whose label its bounds prove, and the
   * pass returns NaN for the inertia.
   */
  readonly minDist: Float64Array | null;
  /** When given, receive the per-cluster sums (transposed, like centersT) and sizes. */
  readonly sumsT: Float64Array | null;
  readonly counts: Float64Array | null;
  /**
   * `labels` already holds the labels this pass would give (k-means++ found them, see init.ts): only the sums
   * are wanted (with minDist null). A runner may ignore it and compute them again.
   */
  readonly labelsGiven?: boolean;
}

/** A k-means++ scoring pass: distances of every row to t candidates, capped by `closest`. */
export interface CandidateWork {
  readonly candT: Float64Array;
  readonly candNorms: Float64Array;
  readonly t: number;
  readonly closest: Float64Array;
  /** Receives the capped distances, out[c * n + i]. */
  readonly out: Float64Array;
}

/**
 * Runs the per-block kernels over the whole matrix and reduces block results in block order. The serial runner
 * and the worker-thread runner implement the same interface and give bit-identical results.
 */
export interface PassRunner {
  /** Squared norms of all rows. */
  rowNorms(): Float64Array;
  /** The matrix's meanColumnVariance (the scale of --tol), computed once per runner: an elbow's fits share it. */
  meanColumnVariance(): number;
  /** Returns the inertia (NaN without minDist). */
  lloydPass(work: LloydWork): Promise<number>;
  /** Returns each candidate's potential (the sum of its capped distances). */
  candidatePass(work: CandidateWork): Promise<Float64Array>;
  close(): Promise<void>;
}
