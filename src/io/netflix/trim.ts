/**
 * The original notebook's trim, exactly:
 *
 *   movie_benchmark = round(df_movie_summary['count'].quantile(0.7), 0)
 *   cust_benchmark  = round(df_cust_summary['count'].quantile(0.7), 0)
 *   df = df[~df['Movie_Id'].isin(drop_movie_list)]      # count < movie_benchmark
 *   df = df[~df['Cust_Id'].isin(drop_cust_list)]        # count < cust_benchmark
 *
 * Both summaries are counted on the untrimmed data: a customer's count is NOT recomputed after the movie cut.
 * On the full Netflix Prize data this gives 1948 and 211. Pure functions; the pipeline is in netflix-raw.ts.
 */

export interface TrimOptions {
  /** Quantile of the ratings-per-movie distribution that a movie must reach (default 0.7). */
  readonly movieQuantile?: number;
  readonly customerQuantile?: number;
  /** An explicit minimum number of ratings; overrides the quantile. */
  readonly minMovieRatings?: number;
  readonly minCustomerRatings?: number;
}

export const defaultTrimQuantile = 0.7;

export interface TrimPlan {
  /** The minimum counts; a movie (customer) with at least this many ratings is kept. */
  readonly movieThreshold: number;
  readonly customerThreshold: number;
  /** The quantile each threshold came from, or null when it was given explicitly. */
  readonly movieQuantile: number | null;
  readonly customerQuantile: number | null;
  readonly keepMovie: Uint8Array;
  readonly keepCustomer: Uint8Array;
}

/**
 * pandas' `Series.quantile(q)` (interpolation='linear'): numpy's percentile at q * 100, which divides by 100 again
 * and interpolates between the sorted values at floor and ceil of (n - 1) q, with numpy's two-sided lerp
 * (from below when the fraction is under a half, from above otherwise). Empty input gives NaN, as in pandas.
 */
export function quantileLinear(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = (n - 1) * ((q * 100) / 100);
  const below = Math.floor(index);
  const above = Math.min(below + 1, n - 1);
  const t = index - below;
  const a = sorted[below];
  const b = sorted[above];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Python's round(x, 0) on a numpy float: half to even (np.rint). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round sends halves up; a half whose rounded value is odd belongs to the even neighbour below
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** round(quantile(counts, q)): the original's benchmark for one of the two summaries. */
export function countThreshold(counts: Int32Array, q: number): number {
  return roundHalfEven(quantileLinear(counts.slice().sort(), q));
}

/** 1 where count >= threshold (the original drops count < benchmark). */
export function keepAtLeast(counts: Int32Array, threshold: number): Uint8Array {
  const keep = new Uint8Array(counts.length);
  for (let i = 0; i < counts.length; i++) keep[i] = counts[i] >= threshold ? 1 : 0;
  return keep;
}

/** Both thresholds and keep masks from the untrimmed counts per movie and per customer. */
export function planTrim(movieCounts: Int32Array, customerCounts: Int32Array, options: TrimOptions = {}): TrimPlan {
  const movieQuantile = options.minMovieRatings === undefined ? (options.movieQuantile ?? defaultTrimQuantile) : null;
  const customerQuantile =
    options.minCustomerRatings === undefined ? (options.customerQuantile ?? defaultTrimQuantile) : null;
  const movieThreshold = movieQuantile === null ? options.minMovieRatings! : countThreshold(movieCounts, movieQuantile);
  const customerThreshold =
    customerQuantile === null ? options.minCustomerRatings! : countThreshold(customerCounts, customerQuantile);
  return {
    movieThreshold,
    customerThreshold,
    movieQuantile,
    customerQuantile,
    keepMovie: keepAtLeast(movieCounts, movieThreshold),
    keepCustomer: keepAtLeast(customerCounts, customerThreshold),
  };
}
