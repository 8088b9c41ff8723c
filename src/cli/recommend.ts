import { availableParallelism } from 'node:os';
import { Option, type Command } from 'commander';
import { loadRatings } from './load-ratings.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { openAtomicWriter } from '../io/atomic-write.js';
import { writeStdout } from '../io/stdout.js';
import { readMovieCatalog } from '../io/titles/movie-catalog.js';
import { loadModel, type KMeansModel } from '../kmeans/model.js';
import type { RatingsData } from '../matrix/csr.js';
import type { RepresentationCliOptions } from './kmeans-options.js';
import { messages } from '../messages.js';
import { predictClusters } from '../recommend/predict.js';
import {
  fitPredictors,
  predictorFormulas,
  predictorNames,
  trainStats,
  type FittedPredictor,
  type LabelSource,
  type PredictorName,
} from '../recommend/predictors.js';
import { findCustomerRow, TopScratch, topForRow, type Recommendation } from '../recommend/recommend.js';
import { writeTable } from '../recommend/recommend-table.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { addPredictorOptions } from './evaluate.js';
import { choiceOption, intOption } from './options.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { savedRatingRange } from './model-range.js';
import { noteLine } from './format.js';
import { checkOutputs, toStdout, writeResult } from './output.js';
import { recommendationsTable, writeParquetResult } from './result-tables.js';
import { isParquetPath } from '../io/parquet/parts.js';
import { Progress } from './progress.js';
import { predictNotes } from './predict.js';
import { inputOption, jsonOption, minSupportOption, outOption, quietOption, titlesOption } from './shared-options.js';

export interface RecommendCliOptions extends InputCliOptions, RepresentationCliOptions {
  model?: string;
  input?: string;
  customer?: number;
  all?: boolean;
  out?: string;
  predictor?: PredictorName;
  top: number;
  titles?: string;
  json?: boolean;
  k: number[];
  shrink: number;
  maxIter: number;
  factors: number;
  reg: number;
  epochs: number;
  seed: number;
  minSupport: number;
  ratingRange?: RatingRange;
  quiet?: boolean;
}

export function registerRecommend(program: Command): void {
  const cmd = program
    .command('recommend')
    .description(
      'top unrated movies for one customer (--customer, a table or --json on stdout) or for every customer (--all, CSV)',
    )
    .addOption(inputOption())
    .option('-c, --customer <id>', 'Cust_Id to recommend for (a customer of --input)', intOption('--customer', 1))
    .option('--all', 'every customer: Cust_Id,rank,movie,predicted (+title) rows, streamed to --out or stdout')
    .addOption(
      new Option(
        '--predictor <name>',
        `what predicts the ratings (${predictorNames.join(', ')}); default mf, or cluster with --model`,
      ).argParser(choiceOption('--predictor', predictorNames)),
    )
    .option('-m, --model <file>', 'model JSON written by fit --save-model: its clusters for the cluster predictor')
    .option('-n, --top <n>', 'movies per customer', intOption('--top', 1), 10)
    .addOption(titlesOption())
    .addOption(minSupportOption());
  addPredictorOptions(cmd)
    .addOption(
      outOption('the table, the --json object, or with --all the CSV', {
        note: 'a name ending in .parquet gets Cust_Id, rank, movie, predicted[, title] as Parquet',
      }),
    )
    .addOption(jsonOption())
    .addOption(quietOption());
  addInputOptions(cmd).action(async (opts: RecommendCliOptions) => {
    await runRecommend(opts);
  });
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function runRecommend(opts: RecommendCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  if ((opts.customer === undefined) === (opts.all === undefined)) throw usageError(messages.recommendWhom());
  const predictor: PredictorName = opts.predictor ?? (opts.model !== undefined ? 'cluster' : 'mf');
  if (opts.model !== undefined && predictor !== 'cluster') throw usageError(messages.modelNeedsCluster(predictor));
  await checkOutputs([opts.out]);
  // the small files first, so a wrong model or titles file fails before the input is read
  const model = opts.model !== undefined ? await loadModel(opts.model) : null;
  const titles = opts.titles ? (await readMovieCatalog(opts.titles)).titles : null;
  const ratingRange = opts.ratingRange ?? (model !== null ? savedRatingRange(model, opts.model!) : undefined);
  const { label, data } = await loadRatings({ ...opts, ratingRange }, log, new Timings());
  const row = opts.customer !== undefined ? findCustomerRow(data.customerIds, opts.customer) : -1;
  if (opts.customer !== undefined && row < 0) throw usageError(messages.unknownCustomer(opts.customer, label));
  if (predictor === 'cluster' && model === null)
    for (const k of opts.k) if (k > data.matrix.nRows) throw usageError(messages.kTooLarge(k, data.matrix.nRows));

  const labels = model !== null ? await modelLabels(data, model, opts.model!, log) : undefined;
  const progress = new Progress(log, `recommend: fitting ${predictor}`);
  const fitStart = performance.now();
  const stats = trainStats(data.matrix);
  const ks = model !== null ? [model.k] : opts.k.slice(0, 1);
  const fitted = (
    await fitPredictors(
      [predictor],
      data.matrix,
      stats,
      { ...opts, ks, threads: opts.threads ?? availableParallelism() },
      labels,
    )
  )[0];
  progress.done();
  const title = (id: number) => titles?.get(id) ?? '';
  const topOpts = { top: opts.top, minSupport: opts.minSupport, ratingRange: data.ratingRange };
  const scratch = new TopScratch(data.matrix.nCols);
  const describe = `${predictor}${fitted.k !== null ? ` k=${fitted.k}` : ''}: ${predictorFormulas[predictor]}; movies rated by >= ${opts.minSupport} customers`;

  const fitSeconds = (performance.now() - fitStart) / 1000;
  if (opts.all) {
    const t0 = performance.now();
    await writeAll(data, fitted, stats.movieCounts, title, opts);
    const seconds = (performance.now() - t0) / 1000;
    log.info(
      `recommend   ${data.matrix.nRows} customers x top ${opts.top} -> ${toStdout(opts.out) ? 'stdout' : opts.out}; ${describe}`,
    );
    log.info(`time        fit ${fitSeconds.toFixed(2)} s   recommend ${seconds.toFixed(2)} s`);
    return;
  }
  const rec = topForRow(fitted, data.matrix, stats.movieCounts, row, topOpts, scratch);
  const rated = data.matrix.rowPtr[row + 1] - data.matrix.rowPtr[row];
  const cluster = fitted.clusters ? fitted.clusters.labels[row] : null;
  log.info(
    `customer ${opts.customer}: ${rated} movies rated${cluster !== null ? `, cluster ${cluster} of ${fitted.k}` : ''}; ${describe}`,
  );
  if (rec.recommendations.length === 0)
    log.info(noteLine(messages.noRecommendationsFor(opts.customer!, opts.minSupport)));
  // --out FILE.parquet: the recommendations go there as Parquet, the table (or --json) still to stdout
  const parquet = await writeParquetResult(opts.out, () =>
    recommendationsTable(
      [{ customer: opts.customer!, recommendations: rec.recommendations }],
      data.movieIds,
      titles ? (id) => titles.get(id) : undefined,
    ),
  );
  if (opts.json) {
    const json = {
      customer: opts.customer,
      predictor,
      k: fitted.k,
      cluster,
      rated,
      candidates: rec.candidates,
      minSupport: opts.minSupport,
      ratingRange: data.ratingRange,
      recommendations: rec.recommendations.map((r, i) => ({
        rank: i + 1,
        movieId: data.movieIds[r.col],
        predicted: r.predicted,
        support: r.support,
        ...(opts.titles ? { title: title(data.movieIds[r.col]) } : {}),
      })),
    };
    await writeResult(parquet ? undefined : opts.out, `${JSON.stringify(json)}\n`);
    return;
  }
  await writeResult(parquet ? undefined : opts.out, formatRecommendations(rec.recommendations, data.movieIds, title));
}

/** The model's clusters for the input's customers (the input put into the model's movies first). */
async function modelLabels(data: RatingsData, model: KMeansModel, modelName: string, log: Log): Promise<LabelSource> {
  const assigned = await predictClusters(data, model, modelName);
  for (const note of predictNotes(assigned)) log.info(noteLine(note));
  return async () => ({
    k: model.k,
    labels: assigned.labels,
    nIter: 0,
    converged: true,
    inertia: assigned.inertia,
    sizes: assigned.sizes,
  });
}

/** --all: one CSV in chunks of customers, to --out (temp + rename) or stdout. */
async function writeAll(
  data: RatingsData,
  fitted: FittedPredictor,
  support: Float64Array,
  title: (id: number) => string,
  opts: RecommendCliOptions,
): Promise<void> {
  if (!toStdout(opts.out) && isParquetPath(opts.out!)) {
    // Parquet is written whole: the rows are collected (1.4 M rows at the full shape), then written by writeTable
    const rows: { customer: number; recommendations: Recommendation[] }[] = [];
    const scratch = new TopScratch(data.matrix.nCols);
    const topOpts = { top: opts.top, minSupport: opts.minSupport, ratingRange: data.ratingRange };
    for (let i = 0; i < data.matrix.nRows; i++)
      rows.push({
        customer: data.customerIds[i],
        recommendations: topForRow(fitted, data.matrix, support, i, topOpts, scratch).recommendations,
      });
    await writeParquetResult(opts.out, () =>
      recommendationsTable(rows, data.movieIds, opts.titles ? title : undefined),
    );
    return;
  }
  const writer = toStdout(opts.out) ? null : openAtomicWriter(opts.out!);
  const write = async (chunk: string) => {
    if (writer) await writer.write(chunk);
    else await writeStdout(chunk);
  };
  const titles = opts.titles ? Array.from(data.movieIds, (id) => csvField(title(id))) : null;
  const ctx = {
    rowModel: fitted.rowModel,
    ratings: data.matrix,
    support,
    customerIds: data.customerIds,
    movieIds: data.movieIds,
    titles,
    top: opts.top,
    minSupport: opts.minSupport,
    ratingRange: data.ratingRange,
  };
  try {
    await writeTable(ctx, opts.threads ?? availableParallelism(), write);
    await writer?.commit();
  } catch (err) {
    await writer?.abort();
    throw err;
  }
}

/** A fixed-width table: rank, movie id, predicted rating, support, title. */
export function formatRecommendations(
  recs: readonly Recommendation[],
  movieIds: Int32Array,
  title: (id: number) => string,
): string {
  const lines = ['rank    movie  predicted  support  title'];
  recs.forEach((r, i) => {
    const id = movieIds[r.col];
    lines.push(
      `${String(i + 1).padStart(4)}  ${String(id).padStart(7)}  ${r.predicted.toFixed(3).padStart(9)}  ${String(r.support).padStart(7)}  ${title(id)}`.trimEnd(),
    );
  });
  return `${lines.join('\n')}\n`;
}
