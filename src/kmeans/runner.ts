/**
 * Runs the per-block kernels over the whole matrix and reduces block results in block order. The serial runner
 * and the worker-thread runner implement the same interface and give bit-identical results.
 */
export interface PassRunner {
  /** Squared norms of all rows. */
  rowNorms(): Float64Array;
  /**
   * Labels every row against `centersT` (k centres, transposed), fills `labels` and `minDist`; when `sumsT` and
   * `counts` are given, they receive the per-cluster sums and sizes. Returns the inertia.
   *
   * `minDist` null says the distances are not wanted (the iterations of Lloyd need only labels and sums): a runner
   * may then skip the rows whose label its bounds prove, and returns NaN for the inertia.
   */
  lloydPass(
    centersT: Float64Array,
    cNorms: Float64Array,
    k: number,
    labels: Int32Array,
    minDist: Float64Array | null,
    sumsT: Float64Array | null,
    counts: Float64Array | null,
  ): Promise<number>;
  /** Distances of every row to `t` candidates capped by `closest` into out[c*n+i]; returns each candidate's potential. */
  candidatePass(candT: Float64Array, candNorms: Float64Array, t: number, closest: Float64Array, out: Float64Array): Promise<Float64Array>;
  close(): Promise<void>;
}
