/**
 * Every user-facing message, as a named function: the code says which message it means, the tests assert against
 * the same function, and the wording lives in one place. Data messages start with `file:line[:column]: `.
 */
const q = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);

const at = (file: string, line: number, column?: number) =>
  column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;

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
  unknownOption: (detail: string) => detail,

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
    `${at(file, line, column)}: rating ${q(value)} is outside ${lo}..${hi} (see --rating-range)`,
  noDataRows: (file: string) => `${file}: no customer rows after the header`,

  // ---- outputs (exit 74)
  outputDirMissing: (file: string, dir: string) => `${file}: cannot write: directory ${q(dir)} does not exist`,
  cannotWrite: (file: string, reason: string) => `${file}: cannot write: ${reason}`,

  // ---- engines
  mlKmeansTooLarge: (rows: number, cols: number, limit: number) =>
    `--engine ml-kmeans builds a dense ${rows} x ${cols} matrix (${rows * cols} cells), above its limit of ${limit}; use --engine sparse`,

  // ---- model files
  modelNotOurs: (file: string, reason: string) => `${file}: not a netflix-cluster model (${reason})`,

  // ---- notes in summaries
  emptyRowsNote: (count: number) => `${count} customer(s) have no ratings; they are kept as rows of zeros`,
  emptyClusterNote: (count: number) => `${count} empty cluster(s) re-seeded from the farthest point(s)`,

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
  netflixNoRatings: (files: string) => `${files}: no ratings (expected "MovieID:" lines, each followed by "CustomerID,Rating,Date" lines)`,
  netflixRatingRange: (lo: number, hi: number) =>
    `the Netflix format stores whole-number ratings 0..255; --rating-range ${lo}..${hi} does not fit`,
  trimKeptNothing: (movieMin: number, customerMin: number) =>
    `the trim kept no ratings (movies need >= ${movieMin} ratings, customers >= ${customerMin}); lower --min-movie-ratings or --min-customer-ratings`,
  quantileRange: (flag: string, value: number) => `${flag}=${value} must be between 0 and 1`,
  duplicatePairsNote: (pairs: number) =>
    pairs === 0
      ? `Duplicates: no customer rated a movie twice`
      : `Duplicates: ${pairs.toLocaleString('en-US')} customer/movie pair(s) rated more than once; each became the mean of its ratings (as pivot_table does)`,
  longNoHeader: (file: string) => `${file}: no header line (expected e.g. userId,movieId,rating[,timestamp])`,
  longMissingColumn: (file: string, role: string, tried: readonly string[], header: string) =>
    `${at(file, 1)}: no ${role} column (looked for ${tried.join(', ')}) in the header ${q(header)}; name it with --columns`,
  longDuplicateColumn: (file: string, role: string, name: string) =>
    `${at(file, 1)}: the ${role} column ${q(name)} is named twice in the header`,
  longBadId: (file: string, line: number, column: number, role: string, value: string) =>
    `${at(file, line, column)}: ${role} id ${q(value)} is not a positive whole number`,
  longColumnTwoRoles: (file: string, name: string, role: string, other: string) =>
    `${at(file, 1)}: column ${q(name)} cannot be both the ${role} and the ${other} column`,
  badColumnsSpec: (value: string) => `--columns must name three columns as user,movie,rating, got ${q(value)}`,
  unknownFormat: (file: string, firstLine: string) =>
    `${file}: cannot tell the format from the first line ${q(firstLine)} (expected a Cust_Id,... pivot header, a "MovieID:" line or a userId,movieId,rating header); use --format`,
  formatsDiffer: (first: string, firstFormat: string, other: string, otherFormat: string) =>
    `${other} looks like ${otherFormat} but ${first} looks like ${firstFormat}: give files of one format`,
  oneFileOnly: (format: string, count: number) => `the ${format} format reads one file, got ${count}`,
  noInputFiles: () => `no input file given`,
};
