import { Option, type Command } from 'commander';
import { matrixKinds, type MatrixKind } from '../matrix/transform.js';
import { defaultKMeansOptions } from '../kmeans/fit.js';
import { initMethods, type InitMethod } from '../kmeans/init.js';
import { defaultMinSupport } from '../metrics/profiles.js';
import { choiceOption, intOption, numberOption, ratingRangeFlag, type RatingRange } from './options.js';
import { addHeatmapOptions, type HeatmapCliOptions } from './heatmap.js';
import { runFit } from './fit-run.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';

export type Engine = 'sparse' | 'ml-kmeans';
export const engines: readonly Engine[] = ['sparse', 'ml-kmeans'];

export interface FitCliOptions extends HeatmapCliOptions, InputCliOptions {
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
  minSupport: number;
  profiles: boolean;
  report?: string;
  silhouetteSample: number;
}

export function registerFit(program: Command): void {
  const cmd = program
    .command('fit')
    .description('cluster customers with k-means; assignments Cust_Id,cluster to --out or stdout, a summary to stderr')
    .option('-i, --input <file>', 'ratings: df_p pivot CSV, raw Netflix files (a folder), long CSV or a .csr file; .gz too; default: the bundled sample')
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
    .option('--heatmaps <dir>', 'also draw per-cluster heatmaps (cluster-<id>.png, clusters.png) into DIR')
    .option('--min-support <n>', 'cluster profiles list movies rated by at least N of the cluster', intOption('--min-support', 1), defaultMinSupport)
    .option('--no-profiles', 'leave the cluster profiles out of the summary on stderr')
    .option('--report <file>', 'write a Markdown report: data, options, result, indices, profiles, heatmaps, command')
    .option('--silhouette-sample <n>', 'rows the report scores the silhouette on (a seeded sample)', intOption('--silhouette-sample', 2), 10000);
  addInputOptions(addHeatmapOptions(cmd)).action(async (opts: FitCliOptions) => {
    await runFit(opts);
  });
}

