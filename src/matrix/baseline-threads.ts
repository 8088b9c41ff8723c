import { defaultBaselineOptions, ratingCounts, itemStep, type Baseline, type BaselineOptions } from './baseline.js';
import type { CsrMatrix } from './csr.js';
import { createProductRunner } from './svd/products.js';

/**
 * fitBaseline and residualMatrix (baseline.ts) with the passes over the ratings on worker threads: the customer
 * step split by rows, the movie sums split by movies (each movie's terms still added in row order), so the result
 * is fitBaseline's bits for any thread count. One thread, or a matrix too small to be worth starting threads for,
 * runs the same loops on the main thread.
 */
export async function fitResidual(
  m: CsrMatrix,
  threads: number,
  options: Partial<BaselineOptions> = {},
  minThreadedRatings = MIN_THREADED_RATINGS,
): Promise<{ baseline: Baseline; residual: CsrMatrix }> {
  const { regItem, regUser, passes }: BaselineOptions = { ...defaultBaselineOptions, ...options };
  const small = m.rowPtr[m.nRows] < minThreadedRatings;
  const products = await createProductRunner(m, small ? 1 : threads);
  try {
    const { mu, itemCount } = ratingCounts(m);
    const userBias = new Float64Array(m.nRows);
    const itemBias = new Float64Array(m.nCols);
    const itemAcc = new Float64Array(m.nCols);
    for (let pass = 0; pass < passes; pass++) {
      await products.itemSums(mu, userBias, itemAcc);
      itemStep(itemAcc, itemCount, regItem, itemBias);
      await products.customerStep(mu, itemBias, regUser, userBias);
    }
    const baseline: Baseline = { mu, userBias, itemBias };
    return { baseline, residual: { ...m, values: await products.residual(baseline) } };
  } finally {
    await products.close();
  }
}

/** Below this many ratings the threads' start-up costs more than the passes (about 1 ms per 100,000 ratings). */
const MIN_THREADED_RATINGS = 2_000_000;
