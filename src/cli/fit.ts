import { Option, type Command } from 'commander';
import { checkOutputPath } from '../io/atomic-write.js';
import { writeAssignments } from '../io/assignments.js';
import { readWideRatingsCsv } from '../io/wide-csv.js';
import { nnz, selectDataRows, type RatingsData } from '../matrix/csr.js';
import { countEmptyRows, matrixKinds, transformMatrix, type MatrixKind } from '../matrix/transform.js';
import { fitKMeans, defaultKMeansOptions, type KMeansResult } from '../kmeans/fit.js';
import { initMethods, type InitMethod } from '../kmeans/init.js';
import { buildModel, saveModel } from '../kmeans/model.js';
import { messages } from '../messages.js';
import { assertUnreachable, usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { Rng, sampleIndices } from '../util/random.js';
import { choiceOption, intOption, numberOption, ratingRangeFlag, type RatingRange } from './options.js';
import { addHeatmapOptions, heatmapOptionsFrom, type HeatmapCliOptions } from './heatmap.js';
import { drawHeatmaps } from '../plot/heatmaps.js';
import { bundledSamplePath, formatFitSummary, fitSummaryJson } from './fit-summary.js';

export type Engine = 'sparse' | 'ml-kmeans';
export const engines: readonly Engine[] = ['sparse', 'ml-kmeans'];

export interface FitCliOptions extends HeatmapCliOptions {
  input?: string;
  k: number;
  seed: number;
  init: InitMethod;
  nInit: number;
  maxIter: number;
  tol: number;
  matrix: MatrixKind;
  engine: Engine;
  rows?: number;
  sample?: number;
  ratingRange: RatingRange;
  out?: string;
  json?: boolean;
  saveModel?: string;
  quiet?: boolean;
  heatmaps?: string;
}

export function registerFit(program: Command): void {
  const cmd = program
    .command('fit')
    .description('cluster customers with k-means; assignments Cust_Id,cluster to --out or stdout, a summary to stderr')
    .option('-i, --input <file>', 'ratings pivot CSV (df_p format, .csv or .csv.gz); default: the bundled sample')
    .option('-k, --k <k>', 'number of clusters', intOption('--k', 1), defaultKMeansOptions.k)
    .option('--seed <n>', 'random seed; the same seed gives the same result', intOption('--seed', 0), 0)
    .addOption(new Option('--init <method>', 'initial centres').choices(initMethods).default('k-means++').argParser(choiceOption('--init', initMethods)))
    .option('--n-init <n>', 'runs from different starts; the lowest inertia wins', intOption('--n-init', 1), 1)
    .option('--max-iter <n>', 'most Lloyd iterations per run', intOption('--max-iter', 1), 300)
    .option('--tol <x>', 'stop when centres move less than this, relative to the mean variance', numberOption('--tol', 0), 1e-4)
    .addOption(new Option('--matrix <kind>', 'what is clustered: ratings, binary (has rated) or centered (ratings minus the customer mean)').choices(matrixKinds).default('ratings').argParser(choiceOption('--matrix', matrixKinds)))
    .addOption(new Option('--engine <name>', 'sparse (ours) or ml-kmeans (dense reference, small inputs)').choices(engines).default('sparse').argParser(choiceOption('--engine', engines)))
    .option('--rows <n>', 'use the first N customers only', intOption('--rows', 1))
    .option('--sample <n>', 'use a seeded random sample of N customers', intOption('--sample', 1))
    .addOption(ratingRangeFlag('valid ratings'))
    .option('-o, --out <file>', "assignments CSV; '-' for stdout (the default without --json)")
    .option('--json', 'print the summary as one JSON object on stdout')
    .option('--save-model <file>', 'write centres, movie ids and options as JSON')
    .option('-q, --quiet', 'no summary or progress on stderr')
    .option('--heatmaps <dir>', 'also draw per-cluster heatmaps (cluster-<id>.png, clusters.png) into DIR');
  addHeatmapOptions(cmd).action(async (opts: FitCliOptions) => {
    await runFit(opts);
  });
}

export async function runFit(opts: FitCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  if (opts.rows !== undefined && opts.sample !== undefined) throw usageError(messages.rowsAndSample());
  if (opts.json && opts.out === '-') throw usageError(messages.jsonAndStdout());
  const out = opts.out ?? (opts.json ? undefined : '-');
  // fail on an unwritable output before minutes of work, not after
  if (out !== undefined && out !== '-') await checkOutputPath(out);
  if (opts.saveModel) await checkOutputPath(opts.saveModel);
  const heat = opts.heatmaps ? await heatmapOptionsFrom(opts, opts.heatmaps, opts.ratingRange) : null;

  const input = opts.input ?? bundledSamplePath();
  let data: RatingsData = await timings.time('read', () =>
    readWideRatingsCsv(input, {
      rows: opts.rows,
      ratingRange: opts.ratingRange,
      onProgress: (bytes, rows) => log.progress(`reading ${input}: ${(bytes / 1e6).toFixed(0)} MB, ${rows} customers`),
    }),
  );
  log.clearProgress();
  if (opts.sample !== undefined) {
    if (opts.sample > data.matrix.nRows) throw usageError(messages.sampleTooLarge(opts.sample, data.matrix.nRows));
    data = selectDataRows(data, sampleIndices(new Rng(opts.seed), data.matrix.nRows, opts.sample));
  }
  if (opts.k > data.matrix.nRows) throw usageError(messages.kTooLarge(opts.k, data.matrix.nRows));
  const matrix = await timings.time('transform', () => transformMatrix(data.matrix, opts.matrix));

  const fitOptions = {
    k: opts.k,
    seed: opts.seed,
    init: opts.init,
    nInit: opts.nInit,
    maxIter: opts.maxIter,
    tol: opts.tol,
    onIteration: (iter: number, inertia: number) => log.progress(`k-means: iteration ${iter}, inertia ${inertia.toExponential(6)}`),
  };
  const result: KMeansResult = await timings.time('fit', async () => {
    switch (opts.engine) {
      case 'sparse':
        return fitKMeans(matrix, fitOptions);
      case 'ml-kmeans': {
        // loaded on demand: ml-kmeans and ml-matrix add a quarter second to every start-up
        const { fitWithMlKmeans, ML_KMEANS_MAX_CELLS } = await import('../kmeans/ml-kmeans-engine.js');
        if (matrix.nRows * matrix.nCols > ML_KMEANS_MAX_CELLS) {
          throw usageError(messages.mlKmeansTooLarge(matrix.nRows, matrix.nCols, ML_KMEANS_MAX_CELLS));
        }
        return fitWithMlKmeans(matrix, fitOptions);
      }
      default:
        return assertUnreachable(opts.engine);
    }
  });
  log.clearProgress();

  if (out !== undefined) await timings.time('write', () => writeAssignments(out, data.customerIds, result.labels));
  if (opts.saveModel) {
    const model = buildModel(result, data.movieIds, opts.matrix, {
      seed: opts.seed,
      init: opts.init,
      nInit: opts.nInit,
      maxIter: opts.maxIter,
      tol: opts.tol,
      engine: opts.engine,
      ratingRange: opts.ratingRange,
    });
    await timings.time('write', () => saveModel(opts.saveModel!, model));
  }

  if (heat) await timings.time('heatmaps', () => drawHeatmaps(data, matrix, opts.matrix, result.labels, opts.k, heat, log));

  const summary = {
    input: opts.input ?? `${input} (bundled sample)`,
    matrix: opts.matrix,
    rows: matrix.nRows,
    cols: matrix.nCols,
    nnz: nnz(matrix),
    emptyRows: countEmptyRows(matrix),
    k: opts.k,
    seed: opts.seed,
    init: opts.init,
    nInit: opts.nInit,
    engine: opts.engine,
    result,
    timingsMs: timings.ms,
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(fitSummaryJson(summary))}\n`);
  else log.info(formatFitSummary(summary));
}
