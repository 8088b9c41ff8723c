import { availableParallelism } from 'node:os';
import { addInputOptions, inputArgv, type InputCliOptions } from './input-options.js';
import {
  addKMeansOptions,
  checkEmbed,
  kmeansOptionRows,
  kmeansOptionsFrom,
  pushOptionRow,
  representationOptionsFrom,
  type KMeansCliOptions,
} from './kmeans-options.js';
import { Option, type Command } from 'commander';
import { writeFileAtomic } from '../io/atomic-write.js';
import { buildRepresentation } from '../matrix/representation.js';
import { runElbow } from '../metrics/elbow.js';
import { elbowSpec } from '../plot/elbow-spec.js';
import { writeReport } from '../report/markdown.js';
import { ensureOutputFolder } from '../report/output-folder.js';
import { messages } from '../messages.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { formatKList, kListOption } from './k-list.js';
import { loadRatings } from './load-ratings.js';
import { elbowSummaryJson, formatElbowSettings, formatElbowTable, type ElbowSummary } from './elbow-summary.js';
import { checkOutputs, toStdout, writeResult } from './output.js';
import { matrixSummary } from './matrix-summary.js';
import { Progress } from './progress.js';
import { jsonOption, outOption, quietOption, reportOption, silhouetteSampleOption } from './shared-options.js';
import { elbowTable, writeParquetResult } from './result-tables.js';

export interface ElbowCliOptions extends KMeansCliOptions, InputCliOptions {
  k: number[];
  silhouetteSample: number;
  json?: boolean;
  out?: string;
  plot?: string;
  report?: string;
  quiet?: boolean;
}

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
    .description(
      'fit k-means for a range of k; a table of inertia, silhouette, Davies-Bouldin and Calinski-Harabasz per k on stdout',
    )
    .addOption(
      new Option('-k, --k <list>', 'values of k: a range 2..12 or a list 2,4,8')
        .default(defaultKs, '2..12')
        .argParser(kListOption),
    )
    .addOption(silhouetteSampleOption())
    .addOption(
      outOption('the table (or the --json object)', { note: 'a name ending in .parquet gets the table as Parquet' }),
    )
    .addOption(jsonOption())
    .option('--plot <file.png>', 'draw inertia and silhouette against k as a PNG')
    .addOption(reportOption())
    .addOption(quietOption());
  addInputOptions(addKMeansOptions(cmd, 'cluster a seeded random sample of N customers (as fit --sample)')).action(
    async (opts: ElbowCliOptions) => {
      await runElbowCommand(opts);
    },
  );
}

export async function runElbowCommand(opts: ElbowCliOptions): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  const timings = new Timings();
  // fail on an unwritable output before minutes of work, not after
  // the folders of --plot and --report are made when missing, as mkdir -p does
  for (const f of [opts.plot, opts.report]) if (f !== undefined) await ensureOutputFolder(f);
  await checkOutputs([opts.out, opts.plot, opts.report]);

  const { label: input, data } = await loadRatings(opts, log, timings);
  const kMax = opts.k[opts.k.length - 1];
  if (kMax > data.matrix.nRows) throw usageError(messages.kTooLarge(kMax, data.matrix.nRows));
  checkEmbed(opts, data.matrix);
  const threads = opts.threads ?? availableParallelism();
  // the points fit clusters (matrix kind -> embedding -> unit length), built once for every k
  const rep = await timings.time('transform', () =>
    buildRepresentation(data.matrix, representationOptionsFrom(opts, opts.seed, threads)),
  );
  const matrix = rep.points;

  let currentK = opts.k[0];
  let fitsStarted = 0;
  // the estimate assumes every k costs the same; larger k cost more, so it errs on the short side
  const progress = new Progress(log, 'elbow', { total: opts.k.length, unit: `values of k` });
  const silhouette = new Progress(log, 'silhouette', { unit: 'pairs' });
  const result = await runElbow(
    matrix,
    opts.k,
    kmeansOptionsFrom(opts, {
      onIteration: (iter, inertia) =>
        progress.update(fitsStarted - 1, `k=${currentK} iteration ${iter}, inertia ${inertia.toExponential(6)}`),
    }),
    {
      silhouetteSample: opts.silhouetteSample,
      seed: opts.seed,
      onFitStart: ({ k }) => {
        currentK = k;
        fitsStarted++;
        progress.update(fitsStarted - 1, `k=${k}`);
      },
      onSilhouetteProgress: (done, total) => silhouette.update(done, undefined, total),
    },
  );
  progress.done();
  timings.ms.fits = Math.round(result.fitsMs * 10) / 10;
  timings.ms.silhouette = Math.round(result.silhouetteMs * 10) / 10;

  const summary: ElbowSummary = {
    ...matrixSummary(input, opts.matrix, rep),
    seed: opts.seed,
    init: opts.init,
    nInit: opts.nInit,
    // the same defaults the fits had
    algorithm: kmeansOptionsFrom(opts).algorithm,
    batchSize: kmeansOptionsFrom(opts).batchSize,
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
      const points = result.rows.map((r) => ({
        k: r.k,
        inertia: r.inertia,
        silhouette: Number.isFinite(r.silhouette) ? r.silhouette : null,
      }));
      const subtitle = messages.elbowPlotSubtitle(
        opts.matrix,
        matrix.nRows,
        result.silhouetteRows,
        result.silhouetteExact,
      );
      await writeFileAtomic(plotPath, await renderSpecToPng(elbowSpec(points, { subtitle }), ELBOW_PLOT_SCALE));
    });
  }
  if (opts.report) {
    const reportPath = opts.report;
    await timings.time('report', () =>
      writeReport(reportPath, {
        title: 'Choosing k for k-means on customers by their ratings',
        command: elbowArgv({ ...opts, ratingRange: data.ratingRange }),
        data: {
          source: input,
          rows: summary.rows,
          cols: summary.cols,
          nnz: summary.nnz,
          matrix: opts.matrix,
          emptyRows: summary.emptyRows,
        },
        options: elbowOptionRows({ ...opts, ratingRange: data.ratingRange }),
        elbow: result,
        elbowPlot: opts.plot,
        generatedAt: new Date(),
      }),
    );
  }

  // --out FILE.parquet: the table goes there as Parquet, and the text table (or --json) still to stdout
  const parquet = await writeParquetResult(opts.out, () => elbowTable(result));
  const out = parquet ? undefined : opts.out;
  // the table is the result: stdout or --out; the settings, timings and notes around it are for the person
  if (opts.json) {
    await writeResult(out, `${JSON.stringify(elbowSummaryJson(summary))}\n`);
    return;
  }
  const { before, after } = formatElbowSettings(summary);
  // on a terminal the table sits between the settings and the times; to a file, stderr waits for the write
  const table = `${formatElbowTable(summary)}\n`;
  if (toStdout(out)) {
    log.info(before);
    await writeResult(out, table);
  } else {
    await writeResult(out, table);
    log.info(before);
  }
  log.info(after);
}

/** The options that shape the result, as shown in the report. */
function elbowOptionRows(opts: ElbowCliOptions): Array<[string, string | number]> {
  return [['--k', formatKList(opts.k)], ...kmeansOptionRows(opts), ['--silhouette-sample', opts.silhouetteSample]];
}

/** The command line that reproduces this run, defaults spelled out so a later change of default cannot alter it. */
export function elbowArgv(opts: ElbowCliOptions): string[] {
  const argv = ['elbow', ...inputArgv(opts)];
  for (const [flag, value] of elbowOptionRows(opts)) pushOptionRow(argv, flag, value);
  if (opts.out) argv.push('--out', opts.out);
  if (opts.plot) argv.push('--plot', opts.plot);
  if (opts.report) argv.push('--report', opts.report);
  return argv;
}
