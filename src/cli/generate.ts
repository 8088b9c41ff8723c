import { Option, type Command } from 'commander';
import { writeSyntheticNetflixRaw } from '../generate/netflix-raw-writer.js';
import { openBlockSink } from '../io/block-sink.js';
import { messages } from '../messages.js';
import { generatePivot } from '../generate/generate.js';
import { MAX_CUSTOMER_ID, MAX_MOVIE_ID, netflixPrize } from '../generate/netflix-prize.js';
import { defaultGenerateOptions, MAX_GROUPS } from '../generate/options.js';
import { usageError } from '../util/errors.js';
import { Log } from '../util/log.js';
import { choiceOption, fractionOption, intRangeOption } from './options.js';
import { checkOutputs, toStdout } from './output.js';
import { Progress } from './progress.js';
import { StdoutClosed } from '../io/stdout.js';
import { outOption, quietOption, seedOption } from './shared-options.js';

const MAX_SEED = Number.MAX_SAFE_INTEGER;

const generateFormats = ['pivot', 'netflix'] as const;
type GenerateFormat = (typeof generateFormats)[number];

interface GenerateFlags {
  format: GenerateFormat;
  ratings: number;
  files: number;
  gzip?: boolean;
  customers: number;
  movies: number;
  density: number;
  seed: number;
  groups: number;
  rows?: number;
  out?: string;
  quiet?: boolean;
}

/** `netflix-cluster generate`: synthetic data in the df_p format (see src/generate). */
export function registerGenerate(program: Command): void {
  const d = defaultGenerateOptions;
  const cmd = program
    .command('generate')
    .description(
      'write a synthetic Netflix-like ratings pivot (df_p format: Cust_Id,<movie id>,...; empty = not rated)',
    )
    .option(
      '--customers <n>',
      `customers (rows), 1..${MAX_CUSTOMER_ID}`,
      intRangeOption('--customers', 1, MAX_CUSTOMER_ID),
      d.customers,
    )
    .option(
      '--movies <n>',
      `movies (columns), 1..${MAX_MOVIE_ID}`,
      intRangeOption('--movies', 1, MAX_MOVIE_ID),
      d.movies,
    )
    .option('--density <x>', 'expected fraction of cells rated, in (0, 1]', fractionOption('--density'), d.density)
    .addOption(seedOption(MAX_SEED))
    .option(
      '--groups <n>',
      `latent taste groups, 1..${MAX_GROUPS}`,
      intRangeOption('--groups', 1, MAX_GROUPS),
      d.groups,
    )
    .option(
      '--rows <n>',
      'write only the first n of the --customers rows (an exact prefix of that file, cheap)',
      intRangeOption('--rows', 1, MAX_CUSTOMER_ID),
    )
    .addOption(outOption('the pivot CSV (.gz compresses; for --format netflix a folder)'))
    .addOption(
      new Option(
        '--format <format>',
        'pivot: the df_p CSV; netflix: combined_data_*.txt files and movie_titles.csv, as the Prize download',
      )
        .choices(generateFormats)
        .default('pivot')
        .argParser(choiceOption('--format', generateFormats)),
    )
    .option(
      '--ratings <n>',
      `netflix: ratings in all files (default ${netflixPrize.ratings}, the real count)`,
      intRangeOption('--ratings', 1, 2e9),
      netflixPrize.ratings,
    )
    .option(
      '--files <n>',
      'netflix: how many combined_data files',
      intRangeOption('--files', 1, 100),
      netflixPrize.files,
    )
    .option('--gzip', 'netflix: write combined_data_N.txt.gz')
    .addOption(quietOption());
  cmd.action(async (flags: GenerateFlags) => {
    if (flags.format === 'netflix') {
      // the pivot's defaults (144,380 x 5,332) describe the trimmed data; the raw files have the untrimmed counts
      const given = (name: string) => cmd.getOptionValueSource(name) !== 'default';
      await generateNetflix(flags, {
        customers: given('customers') ? flags.customers : netflixPrize.customers,
        movies: given('movies') ? flags.movies : netflixPrize.maxMovieId,
      });
      return;
    }
    const rows = flags.rows ?? flags.customers;
    if (rows > flags.customers) throw usageError(messages.rowsAboveCustomers(rows, flags.customers));
    await checkOutputs([flags.out]);
    const log = new Log({ quiet: flags.quiet });
    const output = openBlockSink(flags.out ?? '-');
    const progress = new Progress(log, 'generating', { unit: 'customers' });
    let summary;
    try {
      const { customers, movies, density, seed, groups } = flags;
      summary = await generatePivot({ customers, movies, density, seed, groups, rows }, output, {
        onProgress: (done, total) => progress.update(done, undefined, total),
      });
      await output.commit();
      progress.done();
    } catch (err) {
      progress.done();
      await output.abort();
      // the reader has what it wanted (`generate | head`): done, exit 0, no summary of rows nobody read
      if (err instanceof StdoutClosed) return;
      throw err;
    }
    log.info(messages.generateSummary(output.label, summary));
  });
}

async function generateNetflix(flags: GenerateFlags, shape: { customers: number; movies: number }): Promise<void> {
  if (flags.out === undefined || toStdout(flags.out)) throw usageError(messages.netflixNeedsOutDir());
  const log = new Log({ quiet: flags.quiet });
  const t0 = performance.now();
  await checkOutputs([], [flags.out]);
  const written = await writeSyntheticNetflixRaw(flags.out, {
    seed: flags.seed,
    ratings: flags.ratings,
    customers: shape.customers,
    movies: shape.movies,
    files: flags.files,
    gzip: flags.gzip,
  });
  log.info(
    messages.generateNetflixSummary(flags.out, written.files.length, written.ratings, (performance.now() - t0) / 1000),
  );
}
