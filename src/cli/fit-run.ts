import { availableParallelism } from 'node:os';
import { checkOutputDir } from '../io/atomic-write.js';
import { writeAssignments } from '../io/assignments.js';
import { writeStdout } from '../io/stdout.js';
import { readMovieCatalog } from '../io/titles/movie-catalog.js';
import { loadRatings } from './load-ratings.js';
import { buildRepresentation } from '../matrix/representation.js';
import { checkEmbed, representationOptionsFrom } from './kmeans-options.js';
import { fitKMeans, type KMeansResult } from '../kmeans/fit.js';
import { buildModel, saveModel } from '../kmeans/model.js';
import { clusterProfiles } from '../metrics/profiles.js';
import { formatProfiles } from '../metrics/profiles-format.js';
import { messages } from '../messages.js';
import { drawHeatmaps } from '../plot/heatmaps.js';
import { assertUnreachable, usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import type { FitCliOptions } from './fit-options.js';
import { bundledSampleLabel, formatFitSummary, fitSummaryJson, type FitSummary } from './fit-summary.js';
import { noteLine } from './format.js';
import { kmeansOptionsFrom } from './kmeans-options.js';
import { checkOutputs } from './output.js';
import { matrixSummary } from './matrix-summary.js';
import { Progress } from './progress.js';
import { heatmapOptionsFrom } from './heatmap.js';
import { writeFitReport } from './fit-report.js';
import { ensureOutputFolder } from '../report/output-folder.js';

/** The fit pipeline: check outputs, read, sample, transform, cluster, then write what was asked for. */
export async function runFit(opts: FitCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  if (opts.json && opts.out === '-') throw usageError(messages.jsonAndStdout());
  const out = opts.out ?? (opts.json ? undefined : '-');
  // fail on an unwritable output before minutes of work, not after
  // the heatmap folder first: it is made if missing, and --report may go into it
  const heatDir = opts.heatmaps;
  if (heatDir !== undefined) await checkOutputDir(heatDir, (reason) => messages.outDirNotWritable(heatDir, reason));
  // --report's folder is made when missing, as mkdir -p does
  if (opts.report) await ensureOutputFolder(opts.report);
  await checkOutputs([out, opts.saveModel, opts.report]);
  // the heatmap folder too (made if missing), and --titles read, before the data
  const catalog = opts.titles === undefined ? undefined : await readMovieCatalog(opts.titles);
  const heat = opts.heatmaps ? await heatmapOptionsFrom(opts, opts.heatmaps, opts.ratingRange, log, catalog) : null;

  if (opts.algorithm === 'minibatch' && opts.engine !== 'sparse') throw usageError(messages.minibatchNeedsSparse());
  const { data } = await loadRatings(opts, log, timings);
  if (opts.k > data.matrix.nRows) throw usageError(messages.kTooLarge(opts.k, data.matrix.nRows));
  checkEmbed(opts, data.matrix);
  const threads = opts.threads ?? availableParallelism();
  // matrix kind -> SVD embedding -> unit length: `points` is what k-means clusters, `transformed` what heatmaps colour
  const rep = await timings.time('transform', () =>
    buildRepresentation(data.matrix, representationOptionsFrom(opts, opts.seed, threads)),
  );
  const matrix = rep.points;

  const progress = new Progress(log, `k-means k=${opts.k}`);
  const fitOptions = kmeansOptionsFrom(opts, {
    k: opts.k,
    // no estimate: k-means stops when it converges, long before --max-iter as a rule
    onIteration: (iter: number, inertia: number) =>
      progress.step(`iteration ${iter} (at most ${opts.maxIter}), inertia ${inertia.toExponential(6)}`, false),
  });
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
  progress.done();

  if (out !== undefined) await timings.time('write', () => writeAssignments(out, data.customerIds, result.labels));
  if (opts.saveModel) {
    const model = buildModel(
      result,
      data.movieIds,
      opts.matrix,
      {
        seed: opts.seed,
        init: opts.init,
        nInit: opts.nInit,
        maxIter: opts.maxIter,
        tol: opts.tol,
        engine: opts.engine,
        ratingRange: data.ratingRange,
        // only a mini-batch model names its algorithm: lloyd's model files stay byte for byte as before
        ...(result.minibatch ? { algorithm: 'minibatch', batchSize: result.minibatch.batchSize } : {}),
      },
      rep.fitted,
    );
    await timings.time('write', () => saveModel(opts.saveModel!, model));
  }
  const drawn = heat
    ? await timings.time('heatmaps', () =>
        drawHeatmaps(
          data,
          rep.transformed,
          opts.matrix,
          result.labels,
          opts.k,
          { ...heat, ratingRange: data.ratingRange },
          log,
        ),
      )
    : null;
  // profiles describe clusters by their ratings, whatever matrix was clustered
  const profiles = await timings.time('profiles', () =>
    clusterProfiles(data, result.labels, opts.k, {
      minSupport: opts.minSupport,
      titles: catalog?.titles,
      genres: catalog?.genres ?? undefined,
    }),
  );

  const summary: FitSummary = {
    ...matrixSummary(opts.input ?? bundledSampleLabel, opts.matrix, rep),
    k: opts.k,
    seed: opts.seed,
    init: opts.init,
    nInit: opts.nInit,
    engine: opts.engine,
    ratingRange: data.ratingRange,
    ratingRangeGiven: opts.ratingRange !== undefined,
    result,
    timingsMs: timings.ms,
    heatmaps: drawn ? { files: drawn.files, notDrawn: drawn.skipped, stale: drawn.stale } : undefined,
  };
  if (opts.report) {
    const reportPath = opts.report;
    await timings.time('report', () =>
      writeFitReport(reportPath, { ...opts, ratingRange: data.ratingRange }, summary, matrix, profiles, drawn, log),
    );
  }
  if (opts.json) {
    // no --out: say so, rather than lose the assignments without a word
    if (out === undefined) log.info(noteLine(messages.assignmentsNotWritten()));
    // (with --out the caller named the file; the key stays out so that runs to different files compare equal)
    await writeStdout(
      `${JSON.stringify({ ...fitSummaryJson(summary, profiles), ...(out === undefined ? { assignments: null } : {}) })}\n`,
    );
  } else {
    log.info(formatFitSummary(summary));
    if (opts.profiles) log.info(formatProfiles(profiles));
  }
}
