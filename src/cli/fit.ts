import { Option, type Command } from 'commander';
import { defaultKMeansOptions } from '../kmeans/fit.js';
import { choiceOption, intOption } from './options.js';
import { addHeatmapOptions } from './heatmap.js';
import { runFit } from './fit-run.js';
import { engines, type FitCliOptions } from './fit-options.js';
import { addInputOptions } from './input-options.js';
import { addKMeansOptions } from './kmeans-options.js';
import {
  jsonOption,
  minSupportOption,
  outOption,
  quietOption,
  reportOption,
  silhouetteSampleOption,
} from './shared-options.js';

export { engines, type Engine, type FitCliOptions } from './fit-options.js';

export function registerFit(program: Command): void {
  const cmd = program
    .command('fit')
    .description('cluster customers with k-means; assignments Cust_Id,cluster to --out or stdout, a summary to stderr')
    .option('-k, --k <k>', 'number of clusters', intOption('--k', 1), defaultKMeansOptions.k)
    .addOption(
      new Option('--engine <name>', 'sparse (ours) or ml-kmeans (dense reference, small inputs)')
        .choices(engines)
        .default('sparse')
        .argParser(choiceOption('--engine', engines)),
    )
    .addOption(outOption('the assignments CSV (Cust_Id,cluster)'))
    .addOption(jsonOption())
    .option('--save-model <file>', 'write centres, movie ids and options as JSON (for predict and recommend)')
    .addOption(quietOption())
    .option(
      '--heatmaps <dir>',
      'also draw per-cluster heatmaps (cluster-<id>.png, clusters.png) into this folder (made if missing)',
    )
    .addOption(minSupportOption())
    .option('--no-profiles', 'leave the cluster profiles out of the summary on stderr')
    .addOption(reportOption())
    .addOption(silhouetteSampleOption());
  addInputOptions(addHeatmapOptions(addKMeansOptions(cmd, 'use a seeded random sample of N customers'))).action(
    async (opts: FitCliOptions) => {
      await runFit(opts);
    },
  );
}
