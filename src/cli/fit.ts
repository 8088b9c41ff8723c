import { Option, type Command } from 'commander';
import { defaultKMeansOptions } from '../kmeans/fit.js';
import { defaultMinSupport } from '../metrics/profiles.js';
import { choiceOption, intOption } from './options.js';
import { addHeatmapOptions, type HeatmapCliOptions } from './heatmap.js';
import { runFit } from './fit-run.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { addKMeansOptions, type KMeansCliOptions } from './kmeans-options.js';

export type Engine = 'sparse' | 'ml-kmeans';
export const engines: readonly Engine[] = ['sparse', 'ml-kmeans'];

export interface FitCliOptions extends KMeansCliOptions, HeatmapCliOptions, InputCliOptions {
  k: number;
  engine: Engine;
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
    .option('-k, --k <k>', 'number of clusters', intOption('--k', 1), defaultKMeansOptions.k)
    .addOption(new Option('--engine <name>', 'sparse (ours) or ml-kmeans (dense reference, small inputs)').choices(engines).default('sparse').argParser(choiceOption('--engine', engines)))
    .option('-o, --out <file>', "assignments CSV; '-' for stdout (the default without --json)")
    .option('--json', 'print the summary as one JSON object on stdout')
    .option('--save-model <file>', 'write centres, movie ids and options as JSON')
    .option('-q, --quiet', 'no summary or progress on stderr')
    .option('--heatmaps <dir>', 'also draw per-cluster heatmaps (cluster-<id>.png, clusters.png) into DIR')
    .option('--min-support <n>', 'cluster profiles list movies rated by at least N of the cluster', intOption('--min-support', 1), defaultMinSupport)
    .option('--no-profiles', 'leave the cluster profiles out of the summary on stderr')
    .option('--report <file>', 'write a Markdown report: data, options, result, indices, profiles, heatmaps, command')
    .option('--silhouette-sample <n>', 'rows the report scores the silhouette on (a seeded sample)', intOption('--silhouette-sample', 2), 10000);
  addInputOptions(addHeatmapOptions(addKMeansOptions(cmd, 'use a seeded random sample of N customers'))).action(async (opts: FitCliOptions) => {
    await runFit(opts);
  });
}

