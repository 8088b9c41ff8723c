import { availableParallelism } from 'node:os';
import { Option } from 'commander';
import { defaultMinSupport } from '../metrics/profiles.js';
import { intOption, intRangeOption, ratingRangeOption } from './options.js';

/**
 * The options every command spells, explains and defaults the same way, each defined once here. A command adds
 * the ones it takes:
 *
 *   cmd.addOption(inputOption()).addOption(outOption('the assignments CSV')).addOption(quietOption()).addOption(jsonOption());
 *
 * test/cli/conventions.test.ts walks every command's --help and fails when one of these is missing where it
 * belongs or is worded differently, so a new command or option gets the shared wording by using these functions.
 */

/** What `--input` reads, in one sentence for every command. */
export const inputHelp =
  'the ratings: a df_p pivot CSV, the raw Netflix Prize files (combined_data_*.txt, or their folder), a long ' +
  'user,movie,rating[,timestamp] file split by , tab ; | or :: with or without a header (MovieLens ratings.csv, u.data, ratings.dat), ' +
  "a Parquet file of such ratings (or a folder of part files), or a .csr file made by convert; .gz too; '-' for stdin (default: the bundled sample, data/sample.csv.gz)";

export function inputOption(): Option {
  return new Option('-i, --input <file>', inputHelp);
}

/**
 * `-o, --out <file>`: where a command's data goes. `what` names the data ("the assignments CSV"); stdout is the
 * default unless `required`; `note` adds what the file's name changes (".parquet gets ...").
 */
export function outOption(what: string, opts: { required?: boolean; folder?: boolean; note?: string } = {}): Option {
  if (opts.folder) {
    const o = new Option('-o, --out <dir>', `write ${what} into this folder (made if missing)`);
    return opts.required ? o.makeOptionMandatory() : o;
  }
  const o = new Option(
    '-o, --out <file>',
    `write ${what} to this file${opts.required ? '' : " instead of stdout ('-' = stdout)"}; written whole or not at all${opts.note ? `; ${opts.note}` : ''}`,
  );
  return opts.required ? o.makeOptionMandatory() : o;
}

export const quietHelp = 'print nothing on stderr but errors: no summary, notes or progress';

export function quietOption(): Option {
  return new Option('-q, --quiet', quietHelp);
}

export const jsonHelp = 'print the result as one JSON object on stdout instead of text, for scripts';

export function jsonOption(): Option {
  return new Option('--json', jsonHelp);
}

export function threadsOption(): Option {
  const cores = availableParallelism();
  // commander shows no default for an absent value: the default goes in the text, in the same form
  return new Option(
    '--threads <n>',
    `threads for reading and clustering; the result is the same for any number (default: all ${cores} cores)`,
  ).argParser(intOption('--threads', 1));
}

export const defaultSeed = 0;

/** `--seed <n>`; `max` for a command whose generator takes a bounded seed. */
export function seedOption(max = Number.MAX_SAFE_INTEGER): Option {
  return new Option('--seed <n>', 'random seed: the same seed gives the same output')
    .argParser(intRangeOption('--seed', 0, max))
    .default(defaultSeed);
}

export const titlesHelp =
  'movie titles to show instead of ids, and genres for the cluster profiles: Netflix movie_titles.csv, MovieLens movies.csv, u.item or movies.dat (told from the content; UTF-8 or Latin-1)';

export function titlesOption(): Option {
  return new Option('--titles <file>', titlesHelp);
}

/** One default for every command (profiles.ts owns it): cluster profiles and recommendations count movies alike. */
export { defaultMinSupport };

export function minSupportOption(): Option {
  return new Option(
    '--min-support <n>',
    'only movies rated by at least N customers (in a cluster profile: of the cluster)',
  )
    .argParser(intOption('--min-support', 1))
    .default(defaultMinSupport);
}

/**
 * `--rating-range lo..hi`. No default: without it the scale is the one the ratings show (inferredRatingRange: 1..5
 * for whole stars, 0.5..5 for half stars), or for a command that takes a model, the one saved in it.
 */
export function ratingRangeFlag(): Option {
  return new Option(
    '--rating-range <lo..hi>',
    'the rating scale: a rating outside it is an error, predictions are kept inside it (default: the scale saved in the model, else the one the ratings show: 1..5 for whole stars, 0.5..5 for half stars)',
  ).argParser(ratingRangeOption);
}

export const defaultSilhouetteSample = 10_000;

/** `--silhouette-sample` (fit's report, elbow): the silhouette is quadratic in the rows it scores. */
export function silhouetteSampleOption(): Option {
  return new Option(
    '--silhouette-sample <n>',
    'score the silhouette on a seeded sample of N customers (exact when N >= customers)',
  )
    .argParser(intOption('--silhouette-sample', 2))
    .default(defaultSilhouetteSample);
}

/** `--report <file.md>` (fit, elbow). */
export function reportOption(): Option {
  return new Option(
    '--report <file.md>',
    'write a Markdown report: the data, the options, the results and pictures, and the command that reproduces them',
  );
}
