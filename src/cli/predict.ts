import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { clusterBalance, formatBalance } from '../metrics/cluster-balance.js';
import { embeddingJson } from '../matrix/representation.js';
import { pointsLine } from './fit-summary.js';
import { writeAssignments } from '../io/assignments.js';
import { writeStdout } from '../io/stdout.js';
import { loadRatings } from './load-ratings.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { loadModel } from '../kmeans/model.js';
import { messages } from '../messages.js';
import { predictClusters, type PredictResult } from '../recommend/predict.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { savedRatingRange } from './model-range.js';
import { int, noteLine, secs } from './format.js';
import { checkOutputs } from './output.js';
import { inputOption, jsonOption, outOption, quietOption, ratingRangeFlag } from './shared-options.js';

export interface PredictCliOptions extends InputCliOptions {
  model: string;
  input?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  ratingRange?: RatingRange;
}

export function registerPredict(program: Command): void {
  const cmd = program
    .command('predict')
    .description(
      "assign customers to a saved model's clusters; Cust_Id,cluster to --out or stdout, a summary to stderr",
    )
    .requiredOption('-m, --model <file>', 'model JSON written by fit --save-model')
    .addOption(inputOption())
    .addOption(outOption('the assignments CSV (Cust_Id,cluster)'))
    .addOption(jsonOption())
    .addOption(ratingRangeFlag())
    .addOption(quietOption());
  addInputOptions(cmd).action(async (opts: PredictCliOptions) => {
    await runPredict(opts);
  });
}

export async function runPredict(opts: PredictCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  if (opts.json && opts.out === '-') throw usageError(messages.jsonAndStdout());
  const out = opts.out ?? (opts.json ? undefined : '-');
  await checkOutputs([out]);

  // the model first: a wrong model file fails in milliseconds, before the input is read
  const model = await timings.time('model', () => loadModel(opts.model));
  const ratingRange = opts.ratingRange ?? savedRatingRange(model, opts.model);
  const { label: input, data } = await loadRatings({ ...opts, ratingRange }, log, timings);
  const result = await timings.time('assign', () =>
    predictClusters(data, model, opts.model, opts.threads ?? availableParallelism()),
  );
  if (out !== undefined) await timings.time('write', () => writeAssignments(out, data.customerIds, result.labels));

  for (const note of predictNotes(result)) log.info(noteLine(note));
  if (opts.json && out === undefined) log.info(noteLine(messages.assignmentsNotWritten()));
  const summary = {
    input,
    model: opts.model,
    matrix: model.matrix,
    k: model.k,
    rows: data.matrix.nRows,
    cols: data.matrix.nCols,
    ratingRange: data.ratingRange,
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
    ...(out === undefined ? { assignments: null } : {}),
  };
  if (opts.json) {
    await writeStdout(`${JSON.stringify(summary)}\n`);
    return;
  }
  log.info(
    [
      `predict     ${int(summary.rows)} customers of ${input} -> k=${model.k} clusters of ${opts.model} (matrix ${model.matrix})`,
      `movies      ${int(summary.matchedMovies)} of the input's ${int(summary.cols)} are model movies (the model has ${int(model.movieIds.length)})`,
      ...(model.representation && pointsLine(model.representation)
        ? [`points      ${pointsLine(model.representation)}`]
        : []),
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
