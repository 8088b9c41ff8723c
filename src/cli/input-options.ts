import { Option, type Command } from 'commander';
import type { RatingsFormat } from '../io/detect-format.js';
import { ratingsFormats } from '../io/detect-format.js';
import type { LongColumnNames } from '../io/long/long-columns.js';
import { choiceOption, columnsOption, memorySizeOption } from './options.js';
import { threadsOption } from './shared-options.js';

/** The flags every reading command shares, beside --input and --rating-range. */
export interface InputCliOptions {
  readonly format?: RatingsFormat;
  readonly columns?: LongColumnNames;
  readonly threads?: number;
  /** Refuse to start when the estimated memory exceeds this many bytes (default: the machine's memory). */
  readonly maxMemory?: number;
}

export function addInputOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--format <format>',
        'input format: pivot (df_p CSV), netflix (combined_data_*.txt, or a folder of them), long (user,movie,rating[,timestamp] lines split by , tab ; | or ::, header or not); default: detected (Parquet always is, by its magic bytes)',
      )
        .choices(ratingsFormats)
        .argParser(choiceOption('--format', ratingsFormats)),
    )
    .option(
      '--columns <user,movie,rating>',
      'the columns of a long file (CSV or Parquet): header names, or 1-based positions such as 2,1,3 (default: found by name, else 1,2,3)',
      columnsOption,
    )
    .addOption(threadsOption())
    .addOption(maxMemoryOption());
}

export function maxMemoryOption(): Option {
  return new Option(
    '--max-memory <size>',
    "refuse inputs estimated to need more memory than this, e.g. 8G (default: the machine's memory)",
  ).argParser(memorySizeOption('--max-memory'));
}

/** The input flags as the reproducing command spells them (a report's "command"). */
export function inputArgv(opts: InputCliOptions & { input?: string }): string[] {
  const argv: string[] = [];
  if (opts.input !== undefined) argv.push('--input', opts.input);
  if (opts.format !== undefined) argv.push('--format', opts.format);
  if (opts.columns !== undefined)
    argv.push('--columns', [opts.columns.user, opts.columns.movie, opts.columns.rating].map((c) => c ?? '').join(','));
  return argv;
}
