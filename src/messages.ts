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

  // ---- generate
  notInHalfOpenUnit: (flag: string, value: number) => `${flag}=${value} must be in (0, 1]`,
  rowsAboveCustomers: (rows: number, customers: number) => `--rows=${rows} must be <= --customers=${customers}`,
  generateSummary: (
    out: string,
    s: { customers: number; movies: number; ratings: number; density: number; meanRating: number; seconds: number },
  ) =>
    `${out}: ${s.customers} customers x ${s.movies} movies, ${s.ratings} ratings (density ${(s.density * 100).toFixed(2)}%), ` +
    `mean rating ${s.meanRating.toFixed(2)}, ${s.seconds.toFixed(1)} s`,
  generateProgress: (rows: number, total: number) => `generating: ${rows} / ${total} customers`,

  // ---- parallel
  // binary CSR files (exit 65)
  csrBadMagic: (file: string) => `${file}: not a netflix-cluster CSR file (bad magic bytes)`,
  csrBadVersion: (file: string, version: number, supported: number) =>
    `${file}: CSR file version ${version} is not supported (this build reads version ${supported})`,
  csrBadSize: (file: string, actual: number, expected: number) =>
    `${file}: CSR file is ${actual} bytes but its header implies ${expected} (truncated or not a CSR file)`,
  csrCorrupt: (file: string, what: string) => `${file}: corrupt CSR file: ${what}`,
  csrRatingOutOfRange: (file: string, row: number, customer: number, movie: number, value: number, lo: number, hi: number) =>
    `${file}: row ${row} (Cust_Id ${customer}), movie ${movie}: rating ${value} is outside ${lo}..${hi} (see --rating-range)`,
  // worker threads (internal errors: exit 70)
  workerFailed: (what: string, reason: string) => `${what}: a worker thread failed: ${reason}`,
  workerExited: (what: string, code: number) => `${what}: a worker thread exited unexpectedly (code ${code})`,
  // convert
  converted: (out: string, rows: number, cols: number, ratings: number, bytes: number, seconds: number) =>
    `wrote ${out}: ${rows} customers x ${cols} movies, ${ratings} ratings, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`,
};
