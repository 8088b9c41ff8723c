import { buildCsr } from '../../matrix/build-csr.js';
import type { RatingsData } from '../../matrix/csr.js';
import { defaultRatingRange, type RatingRange } from '../../matrix/rating-range.js';
import { resolveRatingRange } from '../../matrix/value-stats.js';
import { rankIdsInPlace } from '../../matrix/rank-ids.js';
import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';
import { inspectAll, scanLines } from '../line-chunks.js';
import { NetflixScanner, type ScannedNetflix } from './netflix-scanner.js';
import { planTrim, type TrimOptions } from './trim.js';

export interface NetflixReadOptions {
  /** Valid ratings (whole numbers); default 1..5, the Netflix Prize stars: in a combined_data file anything else is damage. */
  readonly ratingRange?: RatingRange;
  /** Called after each chunk with the bytes read so far (all files, after gunzip) and the ratings so far. */
  readonly onProgress?: (bytes: number, ratings: number) => void;
}

/** Bytes per rating line in combined_data_*.txt: about 24 on the real files, 21 on ours. Too high a guess costs a grow. */
const BYTES_PER_RATING = 20;
/** The Netflix text gunzips to about 4.5 times its gzip size. */
const GZIP_RATIO = 5;

/** Reads one or more `combined_data_*.txt` files (plain or gzip) into typed arrays, in file order. */
export async function readNetflixRaw(
  files: readonly string[],
  options: NetflixReadOptions = {},
): Promise<ScannedNetflix> {
  const { inputs } = await inspectAll(files);
  const textBytes = inputs.reduce((sum, i) => sum + (i.gzip ? i.size * GZIP_RATIO : i.size), 0);
  // one allocation in the common case: growing a 400 MB array by copying would briefly need 1 GB
  const scanner = new NetflixScanner(options.ratingRange ?? defaultRatingRange, textBytes / BYTES_PER_RATING);
  let before = 0;
  for (const input of inputs) {
    scanner.startFile(input.path);
    let fileBytes = 0;
    await scanLines(
      input,
      (buf, start, end) => scanner.scan(buf, start, end),
      (bytes) => {
        fileBytes = bytes;
        options.onProgress?.(before + bytes, scanner.ratingCount);
      },
    );
    before += fileBytes;
  }
  const scanned = scanner.finish();
  if (scanned.count === 0) throw dataError(messages.netflixNoRatings(files.join(', ')));
  return scanned;
}

export interface PivotRawOptions extends TrimOptions, NetflixReadOptions {}

/** What the original notebook printed on its way from the raw files to df_p, and the duplicates it averaged silently. */
export interface PivotStats {
  readonly files: readonly string[];
  /** Ratings read: the rows of the original's long frame ("Original Shape"). */
  readonly ratings: number;
  /** Distinct movies and customers with at least one rating, before the trim. */
  readonly movies: number;
  readonly customers: number;
  /** Ratings per star value, index 0..5 or up to the highest rating (the original's rating histogram). */
  readonly ratingHistogram: readonly number[];
  readonly movieThreshold: number;
  readonly customerThreshold: number;
  /** The quantile a threshold came from, or null when --min-*-ratings gave it. */
  readonly movieQuantile: number | null;
  readonly customerQuantile: number | null;
  /** Ratings left after both cuts ("After Trim Shape"). */
  readonly keptRatings: number;
  /** The pivot's shape: customers and movies that still have a rating. */
  readonly rows: number;
  readonly cols: number;
  /** Filled cells of the pivot (kept ratings less repeats of a pair). */
  readonly cells: number;
  /** Customer/movie pairs rated more than once among the kept ratings; each cell is their mean. */
  readonly duplicatePairs: number;
}

/**
 * The original's whole preparation: read the raw files, trim (see trim.ts), pivot to customers x movies with
 * rows sorted by Cust_Id and columns by movie id. The same matrix as reading the df_p.csv it wrote.
 */
export async function pivotRaw(
  files: string | readonly string[],
  options: PivotRawOptions = {},
): Promise<{ data: RatingsData; stats: PivotStats }> {
  const list = typeof files === 'string' ? [files] : files;
  const raw = await readNetflixRaw(list, options);
  return pivotScanned(raw, list, options);
}

/** pivotRaw after the read; consumes `raw` (its customer ids become row ranks in place). */
export function pivotScanned(
  raw: ScannedNetflix,
  files: readonly string[],
  options: TrimOptions & { readonly ratingRange?: RatingRange } = {},
): { data: RatingsData; stats: PivotStats } {
  const { count, customers, ratings, runMovie, runStart } = raw;
  const stars = new Float64Array(256);
  for (let p = 0; p < count; p++) stars[ratings[p]]++;
  let top = 5;
  for (let r = 6; r < 256; r++) if (stars[r] > 0) top = r;
  const histogram = Array.from(stars.subarray(0, top + 1));

  const { ids: customerIds, counts: customerCounts } = rankIdsInPlace(customers, count);
  const columns = movieSegments(runMovie, runStart);
  const movieIds = columns.movieIds;

  const movieCounts = new Int32Array(movieIds.length);
  for (let s = 0; s < columns.segCol.length; s++)
    movieCounts[columns.segCol[s]] += columns.segEnd[s] - columns.segStart[s];
  const plan = planTrim(movieCounts, customerCounts, options);

  const built = buildCsr(
    { nRows: customerIds.length, nCols: movieIds.length, row: customers, value: ratings, columns },
    { rows: plan.keepCustomer, cols: plan.keepMovie },
  );
  if (built.kept === 0) throw dataError(messages.trimKeptNothing(plan.movieThreshold, plan.customerThreshold));

  const data: RatingsData = {
    matrix: built.matrix,
    customerIds: Int32Array.from(built.rowOf, (r) => customerIds[r]),
    movieIds: Int32Array.from(built.colOf, (c) => movieIds[c]),
    source: files.join(', '),
    ratingRange: resolveRatingRange(options.ratingRange, built.matrix),
  };
  const stats: PivotStats = {
    files,
    ratings: count,
    movies: movieIds.length,
    customers: customerIds.length,
    ratingHistogram: histogram,
    movieThreshold: plan.movieThreshold,
    customerThreshold: plan.customerThreshold,
    movieQuantile: plan.movieQuantile,
    customerQuantile: plan.customerQuantile,
    keptRatings: built.kept,
    rows: built.matrix.nRows,
    cols: built.matrix.nCols,
    cells: built.matrix.rowPtr[built.matrix.nRows],
    duplicatePairs: built.duplicatePairs,
  };
  return { data, stats };
}

/**
 * The movie runs as column segments: empty runs dropped (a `MovieID:` line with no ratings is not a movie of the
 * frame), movie ids ranked, runs stably sorted by movie so a movie split across runs or files stays together.
 */
function movieSegments(runMovie: Int32Array, runStart: Float64Array) {
  const runs: number[] = [];
  for (let r = 0; r < runMovie.length; r++) if (runStart[r + 1] > runStart[r]) runs.push(r);
  runs.sort((a, b) => runMovie[a] - runMovie[b] || a - b);
  const movieIds = Int32Array.from(new Set(runs.map((r) => runMovie[r])));
  const rankOf = new Map<number, number>();
  movieIds.forEach((id, i) => rankOf.set(id, i));
  return {
    movieIds,
    segCol: Int32Array.from(runs, (r) => rankOf.get(runMovie[r])!),
    segStart: Float64Array.from(runs, (r) => runStart[r]),
    segEnd: Float64Array.from(runs, (r) => runStart[r + 1]),
    order: null,
  };
}
