import type { ByteSink } from '../io/block-sink.js';
import { PivotCsvEncoder } from '../io/pivot/pivot-encoder.js';
import type { RatingsData } from '../matrix/csr.js';
import { makeColIdx } from '../matrix/csr.js';
import { resolveRatingRange } from '../matrix/value-stats.js';
import { Growable } from '../util/growable.js';
import { buildModel, modelStreams } from './model.js';
import { drawGroup } from './watch-model.js';
import type { GenerateOptions } from './options.js';
import { RowGenerator } from './rows.js';

export interface GenerateSummary {
  /** Rows produced (options.rows). */
  readonly customers: number;
  readonly movies: number;
  readonly ratings: number;
  /** ratings / (customers x movies). */
  readonly density: number;
  readonly meanRating: number;
  /** Ratings by value: histogram[v - 1] for v = 1..5. */
  readonly histogram: readonly number[];
  /** Bytes of CSV handed to the sink (before any compression). */
  readonly bytes: number;
  /** The latent taste group (0-based) of each row produced: the ground truth for clustering. */
  readonly groups: Uint8Array;
  readonly seconds: number;
}

export interface GenerateHooks {
  /** Called every few thousand rows with the rows produced so far. */
  readonly onProgress?: (rows: number, total: number) => void;
}

/**
 * Writes the synthetic pivot CSV for `options` (defaults: the real df_p shape) to `sink`, streamed in large
 * buffers. Pure function of the options: the same options give the same bytes, and `rows: n` gives exactly the
 * first n lines after the header of the full generation.
 */
export async function generatePivot(
  options: Partial<GenerateOptions>,
  sink: ByteSink,
  hooks: GenerateHooks = {},
): Promise<GenerateSummary> {
  const start = performance.now();
  const model = buildModel(options);
  const rows = model.options.rows;
  const gen = new RowGenerator(model);
  const M = model.nCols;
  const encoder = new PivotCsvEncoder(M, 8 << 20);
  const groups = new Uint8Array(rows);
  await sink.write(encoder.header(model.movieIds));
  for (let i = 0; i < rows; i++) {
    const row = gen.next();
    groups[i] = row.group;
    const full = encoder.denseRow(row.customerId, gen.values);
    if (full !== null) await sink.write(full);
    if (hooks.onProgress && (i & 1023) === 1023) hooks.onProgress(i + 1, rows);
  }
  const rest = encoder.flush();
  if (rest !== null) await sink.write(rest);
  return summarize(gen, M, rows, encoder.bytes, groups, start);
}

/** The row `gen` holds as ascending columns and their ratings; returns how many. */
function ratedColumns(gen: RowGenerator, cols: Int32Array, values: Uint8Array): number {
  const touched = gen.touched.subarray(0, gen.touchedCount).sort();
  let n = 0;
  for (let t = 0; t < touched.length; t++) {
    const v = gen.values[touched[t]];
    if (v === 0) continue;
    cols[n] = touched[t];
    values[n++] = v;
  }
  return n;
}

export interface GeneratedRatings {
  readonly data: RatingsData;
  readonly groups: Uint8Array;
  readonly summary: GenerateSummary;
}

/**
 * The same data as generatePivot, as an in-memory CSR matrix (no CSV): for benchmarks and tests. Values are the
 * ratings 1..5 as float32, columns ascending within a row.
 */
export function generateRatings(options: Partial<GenerateOptions> = {}): GeneratedRatings {
  const start = performance.now();
  const model = buildModel(options);
  const rows = model.options.rows;
  const M = model.nCols;
  const gen = new RowGenerator(model);
  const expected = Math.ceil(rows * M * model.options.density * 1.05) + M;
  const colIdx = new Growable(makeColIdx(M, 0).constructor as new (n: number) => Uint16Array | Int32Array, expected);
  const values = new Growable(Float32Array, expected);
  const rowPtr = new Float64Array(rows + 1);
  const customerIds = new Int32Array(rows);
  const groups = new Uint8Array(rows);
  const rowCols = new Int32Array(M);
  const rowValues = new Uint8Array(M);
  for (let i = 0; i < rows; i++) {
    const row = gen.next();
    customerIds[i] = row.customerId;
    groups[i] = row.group;
    const n = ratedColumns(gen, rowCols, rowValues);
    colIdx.reserve(n);
    values.reserve(n);
    colIdx.data.set(rowCols.subarray(0, n), colIdx.length);
    values.data.set(rowValues.subarray(0, n), values.length);
    colIdx.length += n;
    values.length += n;
    rowPtr[i + 1] = colIdx.length;
  }
  const matrix = { nRows: rows, nCols: M, rowPtr, colIdx: colIdx.trimmed(), values: values.trimmed() };
  const data: RatingsData = {
    matrix,
    customerIds,
    movieIds: model.movieIds,
    source: `generate(seed=${model.options.seed})`,
    ratingRange: resolveRatingRange(undefined, matrix),
  };
  return { data, groups, summary: summarize(gen, M, rows, 0, groups, start) };
}

/** The latent group of each of the first `rows` customers, without generating their ratings. */
export function latentGroups(options: Partial<GenerateOptions> = {}): Uint8Array {
  const model = buildModel(options);
  const rng = modelStreams(model.options.seed).groups;
  const groups = new Uint8Array(model.options.rows);
  for (let i = 0; i < groups.length; i++) groups[i] = drawGroup(model, rng);
  return groups;
}

function summarize(
  gen: RowGenerator,
  movies: number,
  rows: number,
  bytes: number,
  groups: Uint8Array,
  start: number,
): GenerateSummary {
  const histogram = Array.from(gen.histogram.subarray(1, 6));
  const ratings = histogram.reduce((a, b) => a + b, 0);
  const meanRating = ratings === 0 ? 0 : histogram.reduce((a, c, k) => a + c * (k + 1), 0) / ratings;
  return {
    customers: rows,
    movies,
    ratings,
    density: ratings / (rows * movies),
    meanRating,
    histogram,
    bytes,
    groups,
    seconds: (performance.now() - start) / 1000,
  };
}
