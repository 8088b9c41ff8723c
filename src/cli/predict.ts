import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { clusterBalance, formatBalance } from '../metrics/cluster-balance.js';
import { embeddingJson } from '../matrix/representation.js';
import { pointsLine } from './fit-summary.js';
import { checkOutputPath } from '../io/atomic-write.js';
import { writeAssignments } from '../io/assignments.js';
import { loadRatings } from './load-ratings.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { loadModel } from '../kmeans/model.js';
import { messages } from '../messages.js';
import { predictClusters, type PredictResult } from '../recommend/predict.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { ratingRangeFlag, type RatingRange } from './options.js';

export interface PredictCliOptions extends InputCliOptions {
  model: string;
  input: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  ratingRange: RatingRange;
}

export function registerPredict(program: Command): void {
  const cmd = program
    .command('predict')
    .description("assign customers to a saved model's clusters; Cust_Id,cluster to --out or stdout, a summary to stderr")
    .requiredOption('-m, --model <file>', 'model JSON written by fit --save-model')
    .requiredOption('-i, --input <file>', 'ratings pivot CSV of the customers to assign (df_p format, .csv or .csv.gz)')
    .option('-o, --out <file>', "assignments CSV; '-' for stdout (the default without --json)")
    .option('--json', 'print the summary as one JSON object on stdout')
    .addOption(ratingRangeFlag('valid ratings'))
    .option('-q, --quiet', 'no summary or notes on stderr');
  addInputOptions(cmd).action(async (opts: PredictCliOptions) => {
    await runPredict(opts);
  });
}

export async function runPredict(opts: PredictCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  if (opts.json && opts.out === '-') throw usageError(messages.jsonAndStdout());
  const out = opts.out ?? (opts.json ? undefined : '-');
  if (out !== undefined && out !== '-') await checkOutputPath(out);

  // the model first: a wrong model file fails in milliseconds, before the input is read
  const model = await timings.time('model', () => loadModel(opts.model));
  const { data } = await loadRatings(opts, log, timings);
  const result = await timings.time('assign', () => predictClusters(data, model, opts.model, opts.threads ?? availableParallelism()));
  if (out !== undefined) await timings.time('write', () => writeAssignments(out, data.customerIds, result.labels));

  for (const note of predictNotes(result)) log.info(`note        ${note}`);
  const summary = {
    input: opts.input,
    model: opts.model,
    matrix: model.matrix,
    k: model.k,
    rows: data.matrix.nRows,
    cols: data.matrix.nCols,
    matchedMovies: result.columns.matchedMovies,
    unknownMovies: result.columns.unknownMovies,
    droppedRatings: result.droppedRatings,
    absentModelMovies: result.columns.absentModelMovies,
    emptyRows: result.emptyRows,
    zeroRows: result.zeroRows,
    normalize: model.representation?.normalize ?? false,
    embedding: model.representation ? embeddingJson(model.representation) : null,
    sizes: result.sizes,
    balance: clusterBalance(result.sizes),
    inertia: result.inertia,
    timingsMs: timings.ms,
  };
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const int = (n: number) => n.toLocaleString('en-US');
  log.info(
    [
      `predict     ${int(summary.rows)} customers of ${opts.input} -> k=${model.k} clusters of ${opts.model} (matrix ${model.matrix})`,
      `movies      ${int(summary.matchedMovies)} of the input's ${int(summary.cols)} are model movies (the model has ${int(model.movieIds.length)})`,
      ...(model.representation && pointsLine(model.representation) ? [`points      ${pointsLine(model.representation)}`] : []),
      `clusters    ${result.sizes.map((size, c) => `${c}: ${int(size)}`).join('   ')}`,
      `balance     ${formatBalance(summary.balance)}`,
      `time        read ${secs(timings.ms.read)}   assign ${secs(timings.ms.assign)}   write ${secs(timings.ms.write)}`,
    ].join('\n'),
  );
}

/** What the user should know about how the input met the model. */
export function predictNotes(r: PredictResult): string[] {
  const notes: string[] = [];
  if (r.columns.unknownMovies > 0) notes.push(messages.unknownMoviesIgnored(r.columns.unknownMovies, r.droppedRatings));
  if (r.columns.absentModelMovies > 0) notes.push(messages.modelMoviesAbsent(r.columns.absentModelMovies));
  if (r.emptyRows > 0) notes.push(messages.noModelRatings(r.emptyRows));
  if (r.zeroRows > r.emptyRows) notes.push(messages.zeroRowsNote(r.zeroRows - r.emptyRows, false));
  return notes;
}

function secs(ms: number | undefined): string {
  return `${((ms ?? 0) / 1000).toFixed(2)} s`;
}
