import type { Command } from 'commander';
import { checkOutputPath } from '../io/atomic-write.js';
import { messages } from '../messages.js';
import { generatePivot } from '../generate/generate.js';
import { defaultGenerateOptions, MAX_CUSTOMER_ID, MAX_GROUPS, MAX_MOVIE_ID } from '../generate/options.js';
import { openPivotOutput } from '../generate/output.js';
import { usageError } from '../util/errors.js';
import { Log } from '../util/log.js';
import { fractionOption, intRangeOption } from './options.js';

interface GenerateFlags {
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
  program
    .command('generate')
    .description('write a synthetic Netflix-like ratings pivot (df_p format: Cust_Id,<movie id>,...; empty = not rated)')
    .option('--customers <n>', `customers (rows), 1..${MAX_CUSTOMER_ID}`, intRangeOption('--customers', 1, MAX_CUSTOMER_ID), d.customers)
    .option('--movies <n>', `movies (columns), 1..${MAX_MOVIE_ID}`, intRangeOption('--movies', 1, MAX_MOVIE_ID), d.movies)
    .option('--density <x>', 'expected fraction of cells rated, in (0, 1]', fractionOption('--density'), d.density)
    .option('--seed <n>', 'random seed; the same seed gives the same bytes', intRangeOption('--seed', 0, Number.MAX_SAFE_INTEGER), d.seed)
    .option('--groups <n>', `latent taste groups, 1..${MAX_GROUPS}`, intRangeOption('--groups', 1, MAX_GROUPS), d.groups)
    .option('--rows <n>', 'write only the first n customers of the generation (an exact prefix, cheap)', intRangeOption('--rows', 1, MAX_CUSTOMER_ID))
    .option('--out <file>', 'output CSV; .gz compresses; - or none = stdout')
    .option('--quiet', 'no summary on stderr')
    .action(async (flags: GenerateFlags) => {
      const rows = flags.rows ?? flags.customers;
      if (rows > flags.customers) throw usageError(messages.rowsAboveCustomers(rows, flags.customers));
      const toFile = flags.out !== undefined && flags.out !== '-';
      if (toFile) await checkOutputPath(flags.out!);
      const log = new Log({ quiet: flags.quiet });
      const output = openPivotOutput(flags.out);
      let summary;
      try {
        summary = await generatePivot(
          { customers: flags.customers, movies: flags.movies, density: flags.density, seed: flags.seed, groups: flags.groups, rows },
          output.sink,
          { onProgress: (done, total) => log.progress(messages.generateProgress(done, total)) },
        );
        await output.commit();
      } catch (err) {
        await output.abort();
        throw err;
      }
      log.info(messages.generateSummary(output.label, summary));
    });
}
