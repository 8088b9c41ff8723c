/**
 * Every user-facing message, as a named function: the code says which message it means, the tests assert against
 * the same function, and the wording lives in one place. Data messages start with `file:line[:column]: `.
 */
import { anyRatingRange } from './matrix/rating-range.js';
import type { MatrixKind } from './matrix/transform.js';
import { assertUnreachable } from './util/errors.js';
import { counted, int } from './util/format.js';

/** Why a customer's row of a matrix kind is all zeros. */
function zeroRowReason(kind: MatrixKind): string {
  switch (kind) {
    case 'ratings':
    case 'binary':
      return 'no ratings';
    case 'centered':
      return 'no ratings, or every rating the same';
    case 'residual':
      return 'no ratings, or every rating exactly as the baseline expects';
    default:
      return assertUnreachable(kind);
  }
}
const q = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);

const at = (file: string, line: number, column?: number) =>
  column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;

/** Why a rating was refused: outside the --rating-range given, or (none given) not a number >= 0 a float32 holds. */
const outside = (lo: number, hi: number) =>
  lo === anyRatingRange.min && hi === anyRatingRange.max
    ? `is not a rating (a number from 0 to 3.4e38; see --rating-range)`
    : `is outside ${lo}..${hi} (see --rating-range)`;

/** Why a mini-batch fit stopped, in words (MiniBatchStop in src/kmeans/minibatch.ts). */
function minibatchStopWords(stoppedBy: string): string {
  if (stoppedBy === 'tol') return 'stopped: centres moved less than --tol';
  if (stoppedBy === 'no-improvement') return 'stopped: smoothed batch inertia did not improve for 10 batches';
  return 'not converged (hit --max-iter passes of batches)';
}

export const messages = {
  // ---- options (exit 2)
  badInteger: (flag: string, value: string) => `${flag} must be a whole number, got ${q(value)}`,
  badNumber: (flag: string, value: string) => `${flag} must be a number, got ${q(value)}`,
  tooSmall: (flag: string, value: number, min: number) => `${flag}=${value} must be >= ${min}`,
  tooLarge: (flag: string, value: number, max: number) => `${flag}=${value} must be <= ${max}`,
  notInOpenRange: (flag: string, value: number, lo: number, hi: number) => `${flag}=${value} must be in (${lo}, ${hi})`,
  badChoice: (flag: string, value: string, choices: readonly string[]) =>
    `${flag} must be one of ${choices.join(', ')}, got ${q(value)}`,
  badRatingRange: (value: string) => `--rating-range must look like 1..5 (low..high, low < high), got ${q(value)}`,
  kTooLarge: (k: number, rows: number) => `k=${k} must be <= rows=${rows}`,
  rowsAndSample: () => `--rows and --sample cannot be used together`,
  jsonAndStdout: () => `--json prints the summary on stdout: give --out a file for the assignments`,
  sampleTooLarge: (sample: number, rows: number) => `--sample=${sample} must be <= rows=${rows} in the input`,

  // ---- input files (exit 66 / 65)
  inputMissing: (file: string) => `${file}: no such file`,
  inputNotReadable: (file: string, reason: string) => `${file}: cannot read: ${reason}`,
  inputEmpty: (file: string) => `${file}: the file is empty`,
  badGzip: (file: string, reason: string) => `${file}: not a valid gzip stream (${reason})`,
  headerNoCustId: (file: string, first: string) =>
    `${at(file, 1, 1)}: the header must start with Cust_Id, got ${q(first)}`,
  headerNoMovies: (file: string) => `${at(file, 1)}: the header has no movie columns after Cust_Id`,
  badMovieId: (file: string, column: number, value: string) =>
    `${at(file, 1, column)}: movie id ${q(value)} is not a positive whole number`,
  duplicateMovie: (file: string, column: number, id: number, firstColumn: number) =>
    `${at(file, 1, column)}: duplicate movie column ${id} (first at column ${firstColumn})`,
  tooManyCells: (file: string, line: number, expected: number) =>
    `${at(file, line)}: the row has more cells than the header's ${expected}`,
  tooFewCells: (file: string, line: number, got: number, expected: number) =>
    `${at(file, line)}: the row has ${got} cells, the header has ${expected}`,
  badCustomerId: (file: string, line: number, value: string) =>
    `${at(file, line, 1)}: Cust_Id ${q(value)} is not a positive whole number`,
  duplicateCustomer: (file: string, line: number, id: number, firstLine: number) =>
    `${at(file, line, 1)}: duplicate Cust_Id ${id} (first on line ${firstLine})`,
  badRating: (file: string, line: number, column: number, value: string) =>
    `${at(file, line, column)}: rating ${q(value)} is not a number`,
  ratingOutOfRange: (file: string, line: number, column: number, value: string, lo: number, hi: number) =>
    `${at(file, line, column)}: rating ${q(value)} ${outside(lo, hi)}`,
  noDataRows: (file: string) => `${file}: no customer rows after the header`,
  // ---- io (issue 11): real ratings files as they come
  ratingScale: (range: string, given: boolean) =>
    given ? `${range} (--rating-range)` : `${range} (the scale the ratings show; --rating-range to state it)`,

  // ---- outputs (exit 74)
  outputDirMissing: (file: string, dir: string) => `${file}: cannot write: directory ${q(dir)} does not exist`,
  cannotWrite: (file: string, reason: string) => `${file}: cannot write: ${reason}`,
  // cli conventions: why a write failed, in words (errno names and temp file names stay out of messages)
  outputIsDirectory: (file: string) => `${file}: cannot write: it is a directory`,
  outputDirNotDirectory: (file: string, dir: string) => `${file}: cannot write: ${q(dir)} is not a directory`,
  writeFailureReason: (code: string | undefined, fallback: string) => {
    switch (code) {
      case 'ENOSPC':
        return 'no space left on device';
      case 'EDQUOT':
        return 'disk quota exceeded';
      case 'EACCES':
      case 'EPERM':
        return 'permission denied';
      case 'EROFS':
        return 'read-only file system';
      case 'EIO':
        return 'input/output error';
      case 'EFBIG':
        return 'file too large';
      case 'EISDIR':
        return 'it is a directory';
      case 'ENOENT':
        return 'no such directory';
      case 'ENOTDIR':
        return 'a part of the path is not a directory';
      case 'EPIPE':
        return 'the reader closed the pipe';
      default:
        return fallback;
    }
  },
  stdoutLabel: () => 'stdout',
  assignmentsNotWritten: () => `--json without --out: the assignments were not written; give --out FILE to keep them`,

  // ---- engines
  mlKmeansTooLarge: (rows: number, cols: number, limit: number) =>
    `--engine ml-kmeans builds a dense ${rows} x ${cols} matrix (${rows * cols} cells), above its limit of ${limit}; use --engine sparse`,

  // ---- k-means --algorithm minibatch (issue 14)
  minibatchNeedsSparse: () => `--algorithm minibatch runs on --engine sparse only (ml-kmeans has no mini-batch mode)`,
  /** The summary's result line of a mini-batch fit. */
  minibatchResult: (batches: number, batchSize: number, stoppedBy: string, inertia: string) =>
    `${batches} batches of ${batchSize} rows, ${minibatchStopWords(stoppedBy)}, then one full assignment pass: inertia ${inertia}`,

  // ---- model files
  modelNotOurs: (file: string, reason: string) => `${file}: not a netflix-cluster model (${reason})`,

  // ---- notes in summaries
  emptyRowsNote: (count: number) => `${count} customer(s) have no ratings; they are kept as rows of zeros`,
  emptyClusterNote: (count: number) => `${count} empty cluster(s) re-seeded from the farthest point(s)`,

  // ---- representation (--matrix residual, --embed, --normalize) and cluster balance
  embedTooLarge: (dims: number, rows: number, cols: number) =>
    `--embed=${dims} must be <= min(customers=${rows}, movies=${cols})`,
  zeroRowsNote: (count: number, normalize: boolean) =>
    `${count} customer(s) are all zeros to k-means${normalize ? ' (no direction to scale to unit length)' : ''}; ` +
    `they are kept and go to the centre nearest the origin (the lowest cluster number on ties)`,
  unbalancedClusters: (
    largest: number,
    largestShare: number,
    smallest: number,
    smallestShare: number,
    suggestion: string,
  ) =>
    `unbalanced clusters: cluster ${largest} holds ${(100 * largestShare).toFixed(1)}% of the customers, cluster ${smallest} ` +
    `${(100 * smallestShare).toFixed(1)}%; ${suggestion}`,
  unbalancedKs: (ks: readonly number[], suggestion: string) =>
    `unbalanced clusters (one holds more than 50% of the customers, 75% at k=2, or one fewer than 1%) at k=${ks.join(', ')}; ${suggestion}`,
  balanceSuggestion: () => `clusters of activity rather than taste? try --matrix residual --normalize --embed 20`,
  balanceSuggestionOther: () => `try another k or --seed, or more --n-init`,

  // ---- recommend (predict, recommend, evaluate; movie titles)
  modelNoOverlap: (model: string, input: string) =>
    `${input}: none of its movie ids is in the model ${model}; was the model fitted on other data?`,
  unknownMoviesIgnored: (movies: number, ratings: number) =>
    `${movies} input movie(s) unknown to the model were ignored (${ratings} rating(s))`,
  modelMoviesAbsent: (movies: number) => `${movies} model movie(s) absent from the input count as not rated`,
  noModelRatings: (count: number) =>
    `${count} customer(s) rated none of the model's movies; they go to the centre closest to "no ratings"`,
  unknownCustomer: (id: number, input: string) => `--customer ${id} is not a Cust_Id in ${input}`,
  badIntegerList: (flag: string, value: string) => `${flag} must be whole numbers separated by commas, got ${q(value)}`,
  duplicateInList: (flag: string, value: number | string) => `${flag} lists ${value} twice`,
  holdoutHidesNothing: (holdout: number) =>
    `--holdout=${holdout} holds out no rating: round(${holdout} x n) is 0 for every customer with 2+ ratings; raise it`,
  noRecommendations: (customer: number, minSupport: number) =>
    `customer ${customer}: no unrated movie has support >= ${minSupport} in their cluster`,
  // ---- recommend: predictors, evaluation protocols, the recommender table (issue 13)
  unknownPredictor: (value: string, names: readonly string[]) =>
    `--predictors: unknown predictor ${q(value)}; the predictors are ${names.join(', ')}`,
  trainTestPair: () => '--train and --test go together (a training file and a test file)',
  protocolConflict: (a: string, b: string) => `${a} and ${b} are two ways to split the data; give one`,
  emptyTest: (file: string) => `${file}: the test set has no rating`,
  recommendWhom: () => 'recommend needs --customer <id> or --all',
  modelNeedsCluster: (predictor: string) =>
    `--model holds clusters: it goes with --predictor cluster, not ${predictor}`,
  noRecommendationsFor: (customer: number, minSupport: number) =>
    `customer ${customer}: no unrated movie has >= ${minSupport} rating(s) (--min-support)`,
  titlesBadLine: (file: string, line: number, why: string) => `${at(file, line)}: ${why}`,
  titlesDuplicate: (file: string, line: number, id: number) => `${at(file, line)}: duplicate MovieID ${id}`,

  // ---- heatmaps
  scaleTooLarge: (value: number, max: number) => `--scale=${value} must be <= ${max} (the images grow with its square)`,
  assignmentsBadHeader: (file: string, header: string) =>
    `${at(file, 1)}: the header must name the columns Cust_Id and cluster, got ${q(header)}`,
  assignmentsTooFewCells: (file: string, line: number, got: number, need: number) =>
    `${at(file, line)}: the row has ${got} cells, need at least ${need}`,
  assignmentsBadCustomerId: (file: string, line: number, value: string) =>
    `${at(file, line)}: Cust_Id ${q(value)} is not a positive whole number`,
  assignmentsBadCluster: (file: string, line: number, value: string) =>
    `${at(file, line)}: cluster ${q(value)} is not a non-negative whole number`,
  assignmentsClusterTooLarge: (file: string, line: number, cluster: number, customers: number) =>
    `${at(file, line)}: cluster ${cluster} must be below the number of customers (${customers})`,
  assignmentsDuplicate: (file: string, line: number, id: number, firstLine: number) =>
    `${at(file, line)}: duplicate Cust_Id ${id} (first on line ${firstLine})`,
  assignmentsEmpty: (file: string) => `${file}: no assignments after the header`,
  assignedCustomerNotInData: (file: string, line: number, id: number, dataFile: string) =>
    `${at(file, line)}: Cust_Id ${id} is not in ${dataFile}`,
  customerWithoutCluster: (dataFile: string, id: number, assignmentsFile: string, more: number) =>
    `${dataFile}: Cust_Id ${id} has no cluster in ${assignmentsFile}${more > 0 ? ` (and ${more} more)` : ''}`,
  outDirNotDirectory: (dir: string) => `${dir}: cannot write heatmaps: not a directory`,
  outDirNotWritable: (dir: string, reason: string) => `${dir}: cannot write heatmaps: ${reason}`,
  heatmapSkipped: (cluster: number, size: number, min: number) =>
    `Cluster ${cluster} - ${size} customers: not drawn (fewer than --min-cluster-size=${min})`,
  heatmapNothingDrawn: (k: number, min: number) =>
    `no heatmap drawn: none of the ${k} clusters has at least --min-cluster-size=${min} customers`,
  imageTooLarge: (width: number, height: number, limit: number) =>
    `a heatmap would be ${width} x ${height} pixels, more than ${limit / 1e6} M; lower --scale, --max-users or --max-movies`,
  outDirCannotCreate: (dir: string, reason: string) => `${dir}: cannot create the folder: ${reason}`,
  heatmapsWritten: (files: readonly string[], dir: string) => `wrote ${files.join(', ')} to ${dir}`,
  heatmapsStale: (files: readonly string[], dir: string) =>
    `${dir}: ${files.join(', ')} ${files.length === 1 ? 'is' : 'are'} from an earlier run, left as they were and not part of this one`,
  heatmapsNotDrawn: (clusters: readonly { cluster: number; size: number }[], min: number) =>
    `not drawn (fewer than --min-cluster-size=${min} customers): ` +
    clusters.map((c) => `cluster ${c.cluster} (${c.size})`).join(', '),

  // ---- scatter (the original's draw_clusters)
  scatterWritten: (path: string, drawn: number, withCoordinates: number, customers: number) =>
    `wrote ${path}: ${counted(drawn, 'point')}` +
    (drawn < withCoordinates ? ` (a seeded sample of ${int(withCoordinates)})` : '') +
    ` of ${counted(customers, 'customer')}`,
  scatterUnknownGenre: (flag: string, genre: string, genres: readonly string[]) =>
    `${flag} ${q(genre)} is not a genre of the titles file; it has ${genres.map((g) => q(g)).join(', ')}`,
  scatterNoGenres: (file: string) =>
    `${file}: has no genres column; --x and --y need a titles file with genres (MovieLens movies.csv)`,
  scatterGenresNeedTitles: () => '--x and --y name genres: give --titles, a movies.csv with a genres column',
  scatterNeedsBothGenres: () => 'give both --x and --y (two genres)',
  // scatter without --x/--y: the customers' first two SVD coordinates (src/plot/scatter-svd.ts)
  scatterSvdLeftOut: (count: number, kind: MatrixKind) =>
    `left out: ${counted(count, 'customer')} whose row of the ${kind} matrix is all zeros ` +
    `(${zeroRowReason(kind)}), at exactly (0, 0) whatever the data`,
  scatterSvdTooSmall: (rows: number, cols: number) =>
    `two SVD coordinates need at least 2 customers and 2 movies, the data has customers=${rows}, movies=${cols}`,
  scatterAssignmentsAndFit: (flags: readonly string[]) =>
    `--assignments gives the clusters; ${flags.join(', ')} would fit new ones: give one or the other`,

  // ---- metrics / elbow / report
  badKList: (value: string) =>
    `--k must be a range like 2..12 or a list like 2,4,8 of whole numbers >= 1, got ${q(value)}`,
  emptyKRange: (from: number, to: number) => `--k range ${from}..${to} is empty: the first k must be <= the last`,
  silhouetteSampled: (rows: number, total: number) =>
    `silhouette on a seeded sample of ${int(rows)} of ${counted(total, 'customer')} (--silhouette-sample)`,
  silhouetteExact: (rows: number) => `silhouette exact, on all ${counted(rows, 'customer')}`,
  undefinedScoresNote: () =>
    `- : silhouette, Davies-Bouldin and Calinski-Harabasz need at least 2 non-empty clusters and fewer clusters than customers`,
  notConvergedNote: (ks: readonly number[]) => `k=${ks.join(', ')} hit --max-iter before converging`,
  elbowPlotSubtitle: (matrix: string, rows: number, silhouetteRows: number, exact: boolean) =>
    `${matrix} matrix, ${counted(rows, 'customer')}; silhouette ${exact ? 'exact' : `on a sample of ${int(silhouetteRows)}`}`,

  // ---- generate
  notInHalfOpenUnit: (flag: string, value: number) => `${flag}=${value} must be in (0, 1]`,
  rowsAboveCustomers: (rows: number, customers: number) => `--rows=${rows} must be <= --customers=${customers}`,
  generateSummary: (
    out: string,
    s: { customers: number; movies: number; ratings: number; density: number; meanRating: number; seconds: number },
  ) =>
    `${out}: ${s.customers} customers x ${s.movies} movies, ${s.ratings} ratings (density ${(s.density * 100).toFixed(2)}%), ` +
    `mean rating ${s.meanRating.toFixed(2)}, ${s.seconds.toFixed(1)} s`,

  // ---- raw netflix / long format
  netflixRatingBeforeMovie: (file: string, line: number, value: string) =>
    `${at(file, line)}: rating line ${q(value)} comes before any MovieID: line`,
  netflixMalformedLine: (file: string, line: number, value: string) =>
    `${at(file, line)}: expected "MovieID:" or "CustomerID,Rating,Date", got ${q(value)}`,
  netflixBadMovieId: (file: string, line: number, value: string) =>
    `${at(file, line)}: movie id ${q(value)} is not a positive whole number`,
  netflixBadCustomerId: (file: string, line: number, value: string) =>
    `${at(file, line)}: customer id ${q(value)} is not a positive whole number`,
  netflixBadRating: (file: string, line: number, value: string, lo: number, hi: number) =>
    `${at(file, line)}: rating ${q(value)} is not a whole number in ${lo}..${hi}`,
  netflixBadDate: (file: string, line: number, value: string) =>
    `${at(file, line)}: date ${q(value)} is not a valid YYYY-MM-DD date`,
  netflixNoRatings: (files: string) =>
    `${files}: no ratings (expected "MovieID:" lines, each followed by "CustomerID,Rating,Date" lines)`,
  netflixRatingRange: (lo: number, hi: number) =>
    `the Netflix format stores whole-number ratings 0..255; --rating-range ${lo}..${hi} does not fit`,
  trimKeptNothing: (movieMin: number, customerMin: number) =>
    `the trim kept no ratings (movies need >= ${movieMin} ratings, customers >= ${customerMin}); lower --min-movie-ratings or --min-customer-ratings`,
  quantileRange: (flag: string, value: number) => `${flag}=${value} must be between 0 and 1`,
  duplicatePairsNote: (pairs: number) =>
    pairs === 0
      ? `Duplicates: no customer rated a movie twice`
      : `Duplicates: ${int(pairs)} customer/movie pair(s) rated more than once; each became the mean of its ratings (as pivot_table does)`,
  longNoHeader: (file: string) => `${file}: no header line (expected e.g. userId,movieId,rating[,timestamp])`,
  longMissingColumn: (file: string, role: string, tried: readonly string[], header: string) =>
    `${at(file, 1)}: no ${role} column (looked for ${tried.join(', ')}) in the header ${q(header)}; name it with --columns`,
  longDuplicateColumn: (file: string, role: string, name: string) =>
    `${at(file, 1)}: the ${role} column ${q(name)} is named twice in the header`,
  longBadId: (file: string, line: number, column: number, role: string, value: string) =>
    `${at(file, line, column)}: ${role} id ${q(value)} is not a positive whole number`,
  longColumnTwoRoles: (file: string, name: string, role: string, other: string) =>
    `${at(file, 1)}: column ${q(name)} cannot be both the ${role} and the ${other} column`,
  // io (issue 11): long files in any layout
  longColumnPosition: (file: string, role: string, position: string, cells: number) =>
    `${at(file, 1)}: --columns puts the ${role} at position ${position}, but the lines have ${cells} cells`,
  longNamesWithoutHeader: (file: string, name: string, firstLine: string) =>
    `${at(file, 1)}: --columns names ${q(name)}, but the first line ${q(firstLine)} is data, not a header; give positions (--columns 1,2,3)`,
  longLoneColon: (file: string, line: number, column: number, value: string) =>
    `${at(file, line, column)}: cell ${q(value)} holds a lone ":" (the cells of this file are separated by "::")`,
  longBadTimestamp: (file: string, line: number, column: number, value: string) =>
    `${at(file, line, column)}: timestamp ${q(value)} is not a number of seconds or a date`,
  // ---- parquet (issue 18): rows are counted from 1 over the whole file (a Parquet file has no lines)
  parquetUnreadable: (file: string, reason: string) =>
    `${file}: not a readable Parquet file (${reason}); truncated or corrupt?`,
  parquetMissingColumn: (file: string, role: string, tried: readonly string[], columns: readonly string[]) =>
    `${file}: no ${role} column (looked for ${tried.join(', ')}) among the Parquet columns ${q(columns.join(','))}; name it with --columns`,
  parquetColumnTwoRoles: (file: string, name: string, role: string, other: string) =>
    `${file}: column ${q(name)} cannot be both the ${role} and the ${other} column`,
  parquetColumnType: (file: string, column: string, role: string, type: string) =>
    `${file}: column ${q(column)} (the ${role}) has Parquet type ${type}; ${parquetTypeRule(role)}`,
  parquetNullId: (file: string, row: number, column: string, role: string) =>
    `${file}: row ${row}, column ${q(column)}: the ${role} id is null`,
  parquetBadId: (file: string, row: number, column: string, role: string, value: string) =>
    `${file}: row ${row}, column ${q(column)}: ${role} id ${q(value)} is not a whole number in 1..2147483647`,
  parquetBadRating: (file: string, row: number, column: string, value: string) =>
    `${file}: row ${row}, column ${q(column)}: rating ${q(value)} is not a number`,
  parquetRatingOutOfRange: (file: string, row: number, column: string, value: number, lo: number, hi: number) =>
    `${file}: row ${row}, column ${q(column)}: rating ${value} is outside ${lo}..${hi} (see --rating-range)`,
  parquetNoRows: (file: string) => `${file}: the Parquet data has no rows`,
  parquetBadTimestamp: (file: string, row: number, column: string, value: string) =>
    `${file}: row ${row}, column ${q(column)}: timestamp ${q(value)} is not a time (seconds since 1970, a Parquet timestamp or date)`,
  badColumnsSpec: (value: string) =>
    `--columns must give three columns as user,movie,rating (header names or 1-based positions such as 1,2,3), got ${q(value)}`,
  unknownFormat: (file: string, firstLine: string) =>
    `${file}: cannot tell the format from the first line ${q(firstLine)} (expected a Cust_Id,... pivot header, a "MovieID:" line, a userId,movieId,rating header or a user,movie,rating line of numbers); use --format`,
  formatsDiffer: (first: string, firstFormat: string, other: string, otherFormat: string) =>
    `${other} looks like ${otherFormat} but ${first} looks like ${firstFormat}: give files of one format`,
  oneFileOnly: (format: string, count: number) => `the ${format} format reads one file, got ${count}`,
  noInputFiles: () => `no input file given`,

  // ---- parallel
  // binary CSR files (exit 65)
  csrBadMagic: (file: string) => `${file}: not a netflix-cluster CSR file (bad magic bytes)`,
  csrBadVersion: (file: string, version: number, supported: number) =>
    `${file}: CSR file version ${version} is not supported (this build reads version ${supported})`,
  csrBadSize: (file: string, actual: number, expected: number) =>
    `${file}: CSR file is ${actual} bytes but its header implies ${expected} (truncated or not a CSR file)`,
  csrCorrupt: (file: string, what: string) => `${file}: corrupt CSR file: ${what}`,
  csrRatingOutOfRange: (
    file: string,
    row: number,
    customer: number,
    movie: number,
    value: number,
    lo: number,
    hi: number,
  ) => `${file}: row ${row} (Cust_Id ${customer}), movie ${movie}: rating ${value} ${outside(lo, hi)}`,
  // worker threads (internal errors: exit 70)
  workerFailed: (what: string, reason: string) => `${what}: a worker thread failed: ${reason}`,
  workerExited: (what: string, code: number) => `${what}: a worker thread exited unexpectedly (code ${code})`,
  // convert
  converted: (out: string, rows: number, cols: number, ratings: number, bytes: number, seconds: number) =>
    `wrote ${out}: ${rows} customers x ${cols} movies, ${ratings} ratings, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`,

  // ---- input selection
  noNetflixFilesInDir: (dir: string) => `${dir}: a directory, but it holds no combined_data_*.txt files to read`,
  netflixNeedsOutDir: () => `generate --format netflix writes several files: give --out a folder`,
  generateNetflixSummary: (dir: string, files: number, ratings: number, seconds: number) =>
    `${dir}: ${files} combined_data file(s) with ${ratings} ratings and movie_titles.csv, ${seconds.toFixed(1)} s`,

  // ---- robustness
  titlesUtf16: (file: string) =>
    `${at(file, 1)}: the titles file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as Latin-1 or UTF-8`,
  notEnoughMemory: (
    file: string,
    fileBytes: number,
    ratings: number,
    need: number,
    have: number,
    fromFlag: boolean,
    noConvert: boolean,
  ) =>
    `${file}: reading ${mb(fileBytes)} (about ${(ratings / 1e6).toFixed(1)} M ratings) needs about ${mb(need)} of memory, ` +
    `more than the ${mb(have)} ${fromFlag ? '--max-memory allows' : 'this machine has'}; read fewer customers with --rows N` +
    (noConvert
      ? ''
      : `, or convert the file once with \`netflix-cluster convert\` (a .csr file loads in about two thirds of the memory)`),
  badMemorySize: (flag: string, value: string) =>
    `${flag} must be a size such as 512M, 8G or 1000000 (bytes), got ${q(value)}`,
};

/** What a Parquet column playing `role` must hold. */
function parquetTypeRule(role: string): string {
  if (role === 'rating') return 'ratings must be numbers';
  if (role === 'timestamp') return 'timestamps must be numbers of seconds, Parquet timestamps or dates';
  return 'ids must be whole numbers or strings of digits';
}

/** Bytes as MB below a GB, GB above: the one unit a reader compares at a glance. */
function mb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}
