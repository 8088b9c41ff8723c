import type { RatingsData } from '../matrix/csr.js';
import { makeColIdx } from '../matrix/csr.js';
import { resolveRatingRange } from '../matrix/rating-range.js';
import { Growable } from '../util/growable.js';
import { buildModel, drawGroup, modelStreams } from './model.js';
import type { GenerateOptions } from './options.js';
import { PivotCsvWriter, type ByteSink } from './pivot-writer.js';
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
  const writer = new PivotCsvWriter(sink, model.nCols);
  const groups = new Uint8Array(rows);
  await writer.header(model.movieIds);
  for (let i = 0; i < rows; i++) {
    const row = gen.next();
    groups[i] = row.group;
    writer.row(row.customerId, gen.values);
    if (writer.full) await writer.flush();
    if (hooks.onProgress && (i & 1023) === 1023) hooks.onProgress(i + 1, rows);
  }
  await writer.flush();
  return summarize(gen, model.nCols, rows, writer.bytesWritten, groups, start);
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
  for (let i = 0; i < rows; i++) {
    const row = gen.next();
    customerIds[i] = row.customerId;
    groups[i] = row.group;
    const cols = gen.touched.subarray(0, gen.touchedCount).sort();
    colIdx.reserve(cols.length);
    values.reserve(cols.length);
    for (let t = 0; t < cols.length; t++) {
      const v = gen.values[cols[t]];
      if (v === 0) continue;
      colIdx.data[colIdx.length++] = cols[t];
      values.data[values.length++] = v;
    }
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
