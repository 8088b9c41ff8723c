import { InvalidArgumentError, type Command } from 'commander';
import { readAssignments, labelsForRows } from '../io/read-assignments.js';
import { readMovieCatalog, type MovieCatalog } from '../io/titles/movie-catalog.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { loadRatings } from './load-ratings.js';
import { matrixKinds, type MatrixKind } from '../matrix/transform.js';
import { buildRepresentation } from '../matrix/representation.js';
import { messages } from '../messages.js';
import { checkOutputDir } from '../io/atomic-write.js';
import { drawHeatmaps, preloadRenderer, type HeatmapOptions } from '../plot/heatmaps.js';
import { defaultSelectionLimits, selectModes, type SelectMode } from '../plot/select.js';
import { Log, Timings } from '../util/log.js';
import { Progress } from './progress.js';
import { choiceOption, intOption, numberOption } from './options.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { inputOption, outOption, quietOption, ratingRangeFlag, seedOption, titlesOption } from './shared-options.js';

/** Beyond this the combined image of a few clusters passes 100 M pixels. */
const maxScale = 8;

/** The options `addHeatmapOptions` adds, as commander hands them over (camelCase). */
export interface HeatmapCliOptions {
  readonly maxUsers: number;
  readonly maxMovies: number;
  readonly minClusterSize: number;
  readonly select: SelectMode;
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
    .option('--max-users <n>', 'customers shown per cluster', intOption('--max-users', 1), d.maxUsers)
    .option('--max-movies <n>', 'movies shown per cluster', intOption('--max-movies', 1), d.maxMovies)
    .option(
      '--min-cluster-size <n>',
      'clusters with fewer customers are not drawn',
      intOption('--min-cluster-size', 1),
      d.minClusterSize,
    )
    .option(
      '--select <how>',
      "which customers and movies: densest (the original's: most-rated movies, customers rating most of them), " +
        "distinctive (movies most over-represented, customers nearest the cluster's mean), sample (seeded random customers)",
      choiceOption('--select', selectModes),
      'densest',
    )
    .option('--scale <x>', 'pixel density of the PNGs', scaleOption, 2)
    .addOption(titlesOption())
    .option('--spec', "also write each PNG's vega-lite spec beside it (.vl.json)");
}

/**
 * Turns parsed heatmap flags into HeatmapOptions for `drawHeatmaps` (the colour scale: `ratingRange`, else the
 * data's, which the caller sets once it has read them). Checks the output directory and reads the
 * titles file now, so a typo fails in a second rather than after the data is read and clustered, and starts
 * loading vega meanwhile (see preloadRenderer).
 */
export async function heatmapOptionsFrom(
  // seed: --select sample's (fit's --seed, heatmap's own)
  opts: HeatmapCliOptions & { readonly seed?: number },
  outDir: string,
  ratingRange?: RatingRange,
  log?: Log,
  catalog?: MovieCatalog,
): Promise<HeatmapOptions> {
  // made when missing (with its parents, as mkdir -p); unwritable fails now, before the data is read
  await checkOutputDir(outDir, (reason) => messages.outDirNotWritable(outDir, reason));
  preloadRenderer();
  const titles =
    catalog?.titles ?? (opts.titles === undefined ? undefined : (await readMovieCatalog(opts.titles)).titles);
  return {
    outDir,
    maxUsers: opts.maxUsers,
    maxMovies: opts.maxMovies,
    minClusterSize: opts.minClusterSize,
    mode: opts.select,
    seed: opts.seed ?? 0,
    scale: opts.scale,
    titles,
    spec: Boolean(opts.spec),
    ratingRange,
    onProgress: log ? heatmapProgress(log) : undefined,
  };
}

/** `heatmaps: 3 of 6 images (50%), 2.0 s, about 2.0 s left`; the line is cleared when the first summary line prints. */
function heatmapProgress(log: Log): (done: number, total: number) => void {
  // made when drawing starts (done = 0), so that the clock and the estimate count the drawing only
  let progress: Progress | null = null;
  return (done, total) => {
    if (done === 0 || progress === null) progress = new Progress(log, 'heatmaps', { unit: 'images', total });
    progress.update(done);
  };
}

interface HeatmapCommandOptions extends HeatmapCliOptions, InputCliOptions {
  readonly input?: string;
  readonly assignments: string;
  readonly out: string;
  readonly matrix: MatrixKind;
  readonly ratingRange?: RatingRange;
  readonly quiet?: boolean;
}

/** `netflix-cluster heatmap`: per-cluster heatmaps from a pivot CSV and the assignments `fit` wrote. */
export function registerHeatmap(program: Command): void {
  const cmd = program
    .command('heatmap')
    .description('draw one heatmap PNG per cluster (most-rated movies x most-rating customers) and clusters.png')
    .addOption(inputOption())
    .requiredOption('-a, --assignments <file>', 'cluster assignments CSV (Cust_Id,cluster), as fit --out writes it')
    .addOption(outOption('cluster-<id>.png and clusters.png', { required: true, folder: true }))
    .option(
      '--matrix <kind>',
      `values to colour: ${matrixKinds.join(', ')}`,
      choiceOption('--matrix', matrixKinds),
      'ratings',
    )
    .addOption(ratingRangeFlag())
    .addOption(seedOption())
    .addOption(quietOption());
  addInputOptions(addHeatmapOptions(cmd)).action(async (opts: HeatmapCommandOptions) => {
    const log = new Log({ quiet: opts.quiet });
    const heat = await heatmapOptionsFrom(opts, opts.out, opts.ratingRange, log);
    // the small file first: a bad assignments file fails before the pivot is read
    const assignments = await readAssignments(opts.assignments);
    const { label, data } = await loadRatings({ ...opts, seed: 0 }, log, new Timings());
    const labels = labelsForRows(assignments, data.customerIds, label);
    // the colours are the --matrix values fit clustered (before any --embed or --normalize, which leave no movies to draw)
    const matrix = (await buildRepresentation(data.matrix, { matrix: opts.matrix })).transformed;
    await drawHeatmaps(
      data,
      matrix,
      opts.matrix,
      labels,
      assignments.k,
      { ...heat, ratingRange: data.ratingRange },
      log,
    );
  });
}
