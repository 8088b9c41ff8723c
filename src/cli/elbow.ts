import { availableParallelism } from 'node:os';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { addKMeansOptions, checkEmbed, kmeansOptionRows, pushOptionRow, representationOptionsFrom, type KMeansCliOptions } from './kmeans-options.js';
import { Option, type Command } from 'commander';
import { checkOutputPath, writeFileAtomic } from '../io/atomic-write.js';
import { nnz } from '../matrix/csr.js';
import { countEmptyRows } from '../matrix/transform.js';
import { buildRepresentation } from '../matrix/representation.js';
import { runElbow } from '../metrics/elbow.js';
import { elbowSpec } from '../plot/elbow-spec.js';
import { writeReport } from '../report/markdown.js';
import { messages } from '../messages.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { intOption } from './options.js';
import { formatKList, kListOption } from './k-list.js';
import { loadRatings } from './load-ratings.js';
import { elbowSummaryJson, formatElbowSummary, type ElbowSummary } from './elbow-summary.js';

export interface ElbowCliOptions extends KMeansCliOptions, InputCliOptions {
  k: number[];
  silhouetteSample: number;
  json?: boolean;
  plot?: string;
  report?: string;
  quiet?: boolean;
}

export const defaultSilhouetteSample = 10_000;
const defaultKs = Array.from({ length: 11 }, (_, i) => i + 2);
/** Device pixels per CSS pixel of the elbow PNG: 720 x 420 becomes 1440 x 840, sharp on a slide. */
export const ELBOW_PLOT_SCALE = 2;

/**
 * `netflix-cluster elbow`: fit every k with fit's options and score each clustering. `--sample` keeps the
 * meaning it has in `fit` (cluster a random sample of customers), so the silhouette's own sample is
 * `--silhouette-sample`.
 */
export function registerElbow(program: Command): void {
  const cmd = program
    .command('elbow')
    .description('fit k-means for a range of k and print inertia, silhouette, Davies-Bouldin and Calinski-Harabasz for each')
    .addOption(new Option('-k, --k <list>', 'values of k: a range 2..12 or a list 2,4,8').default(defaultKs, '2..12').argParser(kListOption))
    .option('--silhouette-sample <n>', 'score the silhouette on a seeded sample of N customers (exact when N >= customers)', intOption('--silhouette-sample', 2), defaultSilhouetteSample)
    .option('--json', 'print the results as one JSON object on stdout instead of the table')
    .option('--plot <file.png>', 'draw inertia and silhouette against k as a PNG')
    .option('--report <file.md>', 'write a Markdown report: data, options, the table, the plot and the command to reproduce it')
    .option('-q, --quiet', 'no table or progress on stderr');
  addInputOptions(addKMeansOptions(cmd, 'cluster a seeded random sample of N customers (as fit --sample)')).action(async (opts: ElbowCliOptions) => {
    await runElbowCommand(opts);
  });
}

export async function runElbowCommand(opts: ElbowCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  // fail on an unwritable output before minutes of work, not after
  if (opts.plot) await checkOutputPath(opts.plot);
  if (opts.report) await checkOutputPath(opts.report);

  const { input, data } = await loadRatings(opts, log, timings);
  const kMax = opts.k[opts.k.length - 1];
  if (kMax > data.matrix.nRows) throw usageError(messages.kTooLarge(kMax, data.matrix.nRows));
  checkEmbed(opts, data.matrix);
  const threads = opts.threads ?? availableParallelism();
  // the points fit clusters (matrix kind -> embedding -> unit length), built once for every k
  const rep = await timings.time('transform', () => buildRepresentation(data.matrix, representationOptionsFrom(opts, opts.seed, threads)));
  const matrix = rep.points;

  let currentK = opts.k[0];
  const result = await runElbow(
    matrix,
    opts.k,
    {
      seed: opts.seed,
      init: opts.init,
      nInit: opts.nInit,
      maxIter: opts.maxIter,
      tol: opts.tol,
      threads,
      onIteration: (iter, inertia) => log.progress(`k=${currentK}: iteration ${iter}, inertia ${inertia.toExponential(6)}`),
    },
    {
      silhouetteSample: opts.silhouetteSample,
      seed: opts.seed,
      onFitStart: (k) => {
        currentK = k;
      },
      onSilhouetteProgress: (done, total) => log.progress(`silhouette: ${((100 * done) / Math.max(1, total)).toFixed(0)}% of the pairs`),
    },
  );
  log.clearProgress();
  timings.ms.fits = Math.round(result.fitsMs * 10) / 10;
  timings.ms.silhouette = Math.round(result.silhouetteMs * 10) / 10;

  const summary: ElbowSummary = {
    input,
    matrix: opts.matrix,
    rows: matrix.nRows,
    cols: rep.transformed.nCols,
    nnz: nnz(rep.transformed),
    emptyRows: countEmptyRows(rep.transformed),
    representation: rep.fitted,
    zeroRows: rep.zeroRows,
    seed: opts.seed,
    init: opts.init,
    nInit: opts.nInit,
    maxIter: opts.maxIter,
    tol: opts.tol,
    silhouetteSample: opts.silhouetteSample,
    result,
    timingsMs: timings.ms,
  };

  if (opts.plot) {
    const plotPath = opts.plot;
    await timings.time('plot', async () => {
      // loaded on demand: vega and the canvas add most of a second to start-up
      const { renderSpecToPng } = await import('../plot/render.js');
      const points = result.rows.map((r) => ({ k: r.k, inertia: r.inertia, silhouette: Number.isFinite(r.silhouette) ? r.silhouette : null }));
      const subtitle = messages.elbowPlotSubtitle(opts.matrix, matrix.nRows, result.silhouetteRows, result.silhouetteExact);
      await writeFileAtomic(plotPath, await renderSpecToPng(elbowSpec(points, { subtitle }), ELBOW_PLOT_SCALE));
    });
  }
  if (opts.report) {
    const reportPath = opts.report;
    await timings.time('report', () =>
      writeReport(reportPath, {
        title: 'Choosing k for k-means on Netflix Prize customers',
        command: elbowArgv(opts),
        data: { source: input, rows: summary.rows, cols: summary.cols, nnz: summary.nnz, matrix: opts.matrix, emptyRows: summary.emptyRows },
        options: elbowOptionRows(opts),
        elbow: result,
        elbowPlot: opts.plot,
        generatedAt: new Date(),
      }),
    );
  }

  if (opts.json) process.stdout.write(`${JSON.stringify(elbowSummaryJson(summary))}\n`);
  else log.info(formatElbowSummary(summary));
}

/** The options that shape the result, as shown in the report. */
function elbowOptionRows(opts: ElbowCliOptions): Array<[string, string | number]> {
  return [['--k', formatKList(opts.k)], ...kmeansOptionRows(opts), ['--silhouette-sample', opts.silhouetteSample]];
}

/** The command line that reproduces this run, defaults spelled out so a later change of default cannot alter it. */
export function elbowArgv(opts: ElbowCliOptions): string[] {
  const argv = ['elbow'];
  if (opts.input !== undefined) argv.push('--input', opts.input);
  for (const [flag, value] of elbowOptionRows(opts)) pushOptionRow(argv, flag, value);
  if (opts.plot) argv.push('--plot', opts.plot);
  if (opts.report) argv.push('--report', opts.report);
  return argv;
}
