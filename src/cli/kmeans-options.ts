import { Option, type Command } from 'commander';
import { defaultKMeansOptions } from '../kmeans/fit.js';
import { initMethods, type InitMethod } from '../kmeans/init.js';
import { matrixKinds, type MatrixKind } from '../matrix/transform.js';
import { choiceOption, intOption, numberOption, ratingRangeFlag } from './options.js';
import { formatRatingRange, type RatingRange } from '../matrix/rating-range.js';

/** What is clustered and how: the flags `fit` and `elbow` share (elbow takes a list of k on top). */
export interface KMeansCliOptions {
  input?: string;
  seed: number;
  init: InitMethod;
  nInit: number;
  maxIter: number;
  tol: number;
  matrix: MatrixKind;
  rows?: number;
  sample?: number;
  ratingRange?: RatingRange;
}

export function addKMeansOptions(cmd: Command, sampleHelp: string): Command {
  const d = defaultKMeansOptions;
  return cmd
    .option('-i, --input <file>', 'ratings: df_p pivot CSV, raw Netflix files (a folder), long CSV or a .csr file; .gz too; default: the bundled sample')
    .option('--seed <n>', 'random seed; the same seed gives the same result', intOption('--seed', 0), d.seed)
    .addOption(new Option('--init <method>', 'initial centres').choices(initMethods).default(d.init).argParser(choiceOption('--init', initMethods)))
    .option('--n-init <n>', 'runs from different starts; the lowest inertia wins', intOption('--n-init', 1), d.nInit)
    .option('--max-iter <n>', 'most Lloyd iterations per run', intOption('--max-iter', 1), d.maxIter)
    .option('--tol <x>', 'stop when centres move less than this, relative to the mean variance', numberOption('--tol', 0), d.tol)
    .addOption(
      new Option('--matrix <kind>', 'what is clustered: ratings, binary (has rated) or centered (ratings minus the customer mean)')
        .choices(matrixKinds)
        .default('ratings')
        .argParser(choiceOption('--matrix', matrixKinds)),
    )
    .option('--rows <n>', 'use the first N customers only', intOption('--rows', 1))
    .option('--sample <n>', sampleHelp, intOption('--sample', 1))
    .addOption(ratingRangeFlag('valid ratings'));
}

/** The shared options as the report shows them and the reproducing command spells them (defaults included). */
export function kmeansOptionRows(opts: KMeansCliOptions): Array<[string, string | number]> {
  const rows: Array<[string, string | number]> = [
    ['--matrix', opts.matrix],
    ['--seed', opts.seed],
    ['--init', opts.init],
    ['--n-init', opts.nInit],
    ['--max-iter', opts.maxIter],
    ['--tol', opts.tol],
  ];
  if (opts.ratingRange !== undefined) rows.push(['--rating-range', formatRatingRange(opts.ratingRange)]);
  if (opts.rows !== undefined) rows.push(['--rows', opts.rows]);
  if (opts.sample !== undefined) rows.push(['--sample', opts.sample]);
  return rows;
}
