import type { PivotStats } from '../io/netflix/netflix-raw.js';
import { messages } from '../messages.js';
import { int } from './format.js';
/** The original printed its thresholds as numpy floats: `1948.0`. */
const float = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));
const origin = (q: number | null) => (q === null ? 'given' : `quantile ${q}`);

/**
 * What the original notebook printed on the way from combined_data_*.txt to df_p (its own wording, so the two can
 * be compared line by line), then where the pivot went.
 */
export function formatPivotSummary(s: PivotStats, out: string, seconds: { read: number; write: number }): string {
  const stars = s.ratingHistogram
    .map((count, star) => ({ count, star }))
    .filter(({ count }) => count > 0)
    .map(({ count, star }) => `${star}: ${int(count)} (${((100 * count) / s.ratings).toFixed(1)}%)`)
    .join('   ');
  const lines = [
    `Total pool: ${int(s.movies)} Movies, ${int(s.customers)} customers, ${int(s.ratings)} ratings given`,
    `Ratings: ${stars}`,
    `Movie minimum times of review: ${float(s.movieThreshold)} (${origin(s.movieQuantile)})`,
    `Customer minimum times of review: ${float(s.customerThreshold)} (${origin(s.customerQuantile)})`,
    `Original Shape: (${s.ratings}, 3)`,
    `After Trim Shape: (${s.keptRatings}, 3)`,
    `(${s.rows}, ${s.cols})`,
  ];
  lines.push(messages.duplicatePairsNote(s.duplicatePairs));
  lines.push(
    `wrote ${out}: ${int(s.rows)} customers x ${int(s.cols)} movies, ${int(s.cells)} ratings` +
      ` (read and trim ${seconds.read.toFixed(1)} s, write ${seconds.write.toFixed(1)} s)`,
  );
  return lines.join('\n');
}

/** The same numbers as one JSON object (`pivot --json`). */
export function pivotSummaryJson(
  s: PivotStats,
  out: string,
  seconds: { read: number; write: number },
): Record<string, unknown> {
  return {
    command: 'pivot',
    out,
    movies: s.movies,
    customers: s.customers,
    ratings: s.ratings,
    ratingHistogram: s.ratingHistogram,
    movieThreshold: s.movieThreshold,
    movieQuantile: s.movieQuantile,
    customerThreshold: s.customerThreshold,
    customerQuantile: s.customerQuantile,
    keptRatings: s.keptRatings,
    rows: s.rows,
    cols: s.cols,
    cells: s.cells,
    duplicatePairs: s.duplicatePairs,
    seconds,
  };
}
