import { InvalidArgumentError, type Command } from 'commander';
import { readAssignments, labelsForRows } from '../io/read-assignments.js';
import { readMovieTitles } from '../io/titles.js';
import { defaultRatingRange } from '../io/wide-csv.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { loadRatings } from './load-ratings.js';
import { matrixKinds, type MatrixKind } from '../matrix/transform.js';
import { buildRepresentation } from '../matrix/representation.js';
import { messages } from '../messages.js';
import { checkOutDir, drawHeatmaps, preloadRenderer, type HeatmapOptions } from '../plot/heatmaps.js';
import { defaultSelectionLimits } from '../plot/select.js';
import { Log, Timings } from '../util/log.js';
import { choiceOption, intOption, numberOption, ratingRangeFlag, type RatingRange } from './options.js';

/** Beyond this the combined image of a few clusters passes 100 M pixels. */
const maxScale = 8;

/** The options `addHeatmapOptions` adds, as commander hands them over (camelCase). */
export interface HeatmapCliOptions {
  readonly maxUsers: number;
  readonly maxMovies: number;
  readonly minClusterSize: number;
  readonly scale: number;
  readonly titles?: string;
  readonly spec?: boolean;
}

function scaleOption(value: string): number {
  const n = numberOption('--scale', 0.25)(value);
  if (n > maxScale) throw new InvalidArgumentError(messages.scaleTooLarge(n, maxScale));
  return n;
}

/**
 * Adds the options that shape heatmaps (what to show, how large, titles, specs) to a command. Shared by
 * `heatmap` and `fit --heatmaps DIR`, so both read the same flags. For fit:
 *
 *   addHeatmapOptions(cmd.option('--heatmaps <dir>', 'also draw per-cluster heatmaps into DIR'));
 *   // before reading the data: checks DIR and reads --titles, so a typo fails at once
 *   const heat = opts.heatmaps ? await heatmapOptionsFrom(opts, opts.heatmaps, opts.ratingRange) : null;
 *   // after the fit, with the transformed matrix that was clustered
 *   if (heat) await drawHeatmaps(data, matrix, opts.matrix, result.labels, opts.k, heat, log);
 */
export function addHeatmapOptions(cmd: Command): Command {
  const d = defaultSelectionLimits;
  return cmd
    .option('--max-users <n>', 'customers shown per cluster (most ratings first)', intOption('--max-users', 1), d.maxUsers)
    .option('--max-movies <n>', 'movies shown per cluster (most rated first)', intOption('--max-movies', 1), d.maxMovies)
    .option('--min-cluster-size <n>', 'clusters with fewer customers are not drawn', intOption('--min-cluster-size', 1), d.minClusterSize)
    .option('--scale <x>', 'pixel density of the PNGs', scaleOption, 2)
    .option('--titles <file>', 'movie_titles.csv (MovieID,YearOfRelease,Title; Latin-1): label movies by title')
    .option('--spec', 'also write each PNG\'s vega-lite spec beside it (.vl.json)');
}

/**
 * Turns parsed heatmap flags into HeatmapOptions for `drawHeatmaps`. Checks the output directory and reads the
 * titles file now, so a typo fails in a second rather than after the data is read and clustered, and starts
 * loading vega meanwhile (see preloadRenderer).
 */
export async function heatmapOptionsFrom(
  opts: HeatmapCliOptions,
  outDir: string,
  ratingRange: RatingRange = defaultRatingRange,
): Promise<HeatmapOptions> {
  await checkOutDir(outDir);
  preloadRenderer();
  const titles = opts.titles === undefined ? undefined : await readMovieTitles(opts.titles);
  return {
    outDir,
    maxUsers: opts.maxUsers,
    maxMovies: opts.maxMovies,
    minClusterSize: opts.minClusterSize,
    scale: opts.scale,
    titles,
    spec: Boolean(opts.spec),
    ratingRange,
  };
}

interface HeatmapCommandOptions extends HeatmapCliOptions, InputCliOptions {
  readonly input: string;
  readonly assignments: string;
  readonly out: string;
  readonly matrix: MatrixKind;
  readonly ratingRange: RatingRange;
  readonly quiet?: boolean;
}

/** `netflix-cluster heatmap`: per-cluster heatmaps from a pivot CSV and the assignments `fit` wrote. */
export function registerHeatmap(program: Command): void {
  const cmd = program
    .command('heatmap')
    .description('draw one heatmap PNG per cluster (most-rated movies x most-rating customers) and clusters.png')
    .requiredOption('--input <file>', 'ratings: df_p pivot CSV, raw Netflix files (a folder), long CSV or a .csr file; .gz too')
    .requiredOption('--assignments <file>', 'cluster assignments CSV (Cust_Id,cluster)')
    .requiredOption('--out <dir>', 'existing directory for cluster-<id>.png and clusters.png')
    .option('--matrix <kind>', `values to colour: ${matrixKinds.join(', ')}`, choiceOption('--matrix', matrixKinds), 'ratings')
    .addOption(ratingRangeFlag('valid ratings (also the colour scale)'))
    .option('--quiet', 'print nothing but errors');
  addInputOptions(addHeatmapOptions(cmd)).action(async (opts: HeatmapCommandOptions) => {
    const log = new Log({ quiet: opts.quiet });
    const heat = await heatmapOptionsFrom(opts, opts.out, opts.ratingRange);
    // the small file first: a bad assignments file fails before the pivot is read
    const assignments = await readAssignments(opts.assignments);
    const { data } = await loadRatings({ ...opts, seed: 0 }, log, new Timings());
    const labels = labelsForRows(assignments, data.customerIds, opts.input);
    // the colours are the --matrix values fit clustered (before any --embed or --normalize, which leave no movies to draw)
    const matrix = (await buildRepresentation(data.matrix, { matrix: opts.matrix })).transformed;
    await drawHeatmaps(data, matrix, opts.matrix, labels, assignments.k, heat, log);
  });
}
