import type { Command } from 'commander';
import { loadRatings } from './load-ratings.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { readMovieCatalog } from '../io/titles/movie-catalog.js';
import { loadModel } from '../kmeans/model.js';
import { messages } from '../messages.js';
import { predictClusters } from '../recommend/predict.js';
import { findCustomerRow, recommendForRow, type CustomerRecommendations } from '../recommend/recommend.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { intOption, numberOption } from './options.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { savedRatingRange } from './model-range.js';
import { noteLine } from './format.js';
import { checkOutputs, writeResult } from './output.js';
import { predictNotes } from './predict.js';
import { inputOption, jsonOption, minSupportOption, outOption, quietOption, ratingRangeFlag, titlesOption } from './shared-options.js';
import { recommendationsTable, writeParquetResult } from './result-tables.js';

export interface RecommendCliOptions extends InputCliOptions {
  model: string;
  input?: string;
  out?: string;
  customer: number;
  top: number;
  titles?: string;
  json?: boolean;
  shrink: number;
  minSupport: number;
  ratingRange?: RatingRange;
  quiet?: boolean;
}

export function registerRecommend(program: Command): void {
  const cmd = program
    .command('recommend')
    .description("top movies for one customer from their cluster's ratings; a table (or --json) on stdout")
    .requiredOption('-m, --model <file>', 'model JSON written by fit --save-model')
    .addOption(inputOption())
    .requiredOption('-c, --customer <id>', 'Cust_Id to recommend for (a customer of --input)', intOption('--customer', 1))
    .option('-n, --top <n>', 'how many movies', intOption('--top', 1), 10)
    .addOption(titlesOption())
    .option('--shrink <lambda>', 'pull a cluster mean with little support toward the movie mean: (sum + lambda x movie mean) / (n + lambda)', numberOption('--shrink', 0), 10)
    .addOption(minSupportOption())
    .addOption(ratingRangeFlag())
    .addOption(outOption('the table (or the --json object)', { note: 'a name ending in .parquet gets Cust_Id, rank, movie, predicted[, title] as Parquet' }))
    .addOption(jsonOption())
    .addOption(quietOption());
  addInputOptions(cmd).action(async (opts: RecommendCliOptions) => {
    await runRecommend(opts);
  });
}

export async function runRecommend(opts: RecommendCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  await checkOutputs([opts.out]);
  // the small files first, so a wrong model or titles file fails before the input is read
  const model = await loadModel(opts.model);
  const titles = opts.titles ? (await readMovieCatalog(opts.titles)).titles : null;
  const ratingRange = opts.ratingRange ?? savedRatingRange(model, opts.model);
  const { label, data } = await loadRatings({ ...opts, ratingRange }, log, new Timings());
  const row = findCustomerRow(data.customerIds, opts.customer);
  if (row < 0) throw usageError(messages.unknownCustomer(opts.customer, label));
  const assigned = await predictClusters(data, model, opts.model);
  for (const note of predictNotes(assigned)) log.info(noteLine(note));
  const rec = recommendForRow(data.matrix, data.movieIds, assigned.labels, model.k, row, opts);
  const title = (id: number) => titles?.get(id) ?? '';

  log.info(
    `customer ${opts.customer}: cluster ${rec.cluster} of ${model.k} (${rec.clusterSize} customers), ${rec.rated} movies rated; ` +
      `predicted = (cluster sum + ${opts.shrink} x movie mean) / (support + ${opts.shrink})`,
  );
  if (rec.recommendations.length === 0) log.info(noteLine(messages.noRecommendations(opts.customer, opts.minSupport)));
  // --out FILE.parquet: the recommendations go there as Parquet, the table (or --json) still to stdout
  const parquet = await writeParquetResult(opts.out, () => recommendationsTable(opts.customer, rec, titles ? (id) => titles.get(id) : undefined));
  await writeResult(parquet ? undefined : opts.out, opts.json ? `${JSON.stringify({ ...recommendJson(opts, model.k, rec, title), ratingRange: data.ratingRange })}\n` : formatRecommendations(rec, title));
}

function recommendJson(opts: RecommendCliOptions, k: number, rec: CustomerRecommendations, title: (id: number) => string) {
  return {
    customer: opts.customer,
    cluster: rec.cluster,
    k,
    clusterSize: rec.clusterSize,
    rated: rec.rated,
    candidates: rec.candidates,
    shrink: opts.shrink,
    minSupport: opts.minSupport,
    recommendations: rec.recommendations.map((r, i) => ({
      rank: i + 1,
      movieId: r.movieId,
      predicted: r.predicted,
      support: r.support,
      clusterMean: Number.isNaN(r.clusterMean) ? null : r.clusterMean,
      movieMean: r.movieMean,
      ...(opts.titles ? { title: title(r.movieId) } : {}),
    })),
  };
}

/** A fixed-width table: rank, movie id, predicted rating, support, cluster and movie means, title. */
export function formatRecommendations(rec: CustomerRecommendations, title: (id: number) => string): string {
  const lines = ['rank    movie  predicted  support  cluster mean  movie mean  title'];
  rec.recommendations.forEach((r, i) => {
    const clusterMean = Number.isNaN(r.clusterMean) ? '-' : r.clusterMean.toFixed(3);
    lines.push(
      `${String(i + 1).padStart(4)}  ${String(r.movieId).padStart(7)}  ${r.predicted.toFixed(3).padStart(9)}  ` +
        `${String(r.support).padStart(7)}  ${clusterMean.padStart(12)}  ${r.movieMean.toFixed(3).padStart(10)}  ${title(r.movieId)}`.trimEnd(),
    );
  });
  return `${lines.join('\n')}\n`;
}
