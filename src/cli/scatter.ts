import type { Command } from 'commander';
import { readAssignments, labelsForRows } from '../io/read-assignments.js';
import { fitKMeans } from '../kmeans/fit.js';
import type { CsrMatrix } from '../matrix/csr.js';
import { buildRepresentation } from '../matrix/representation.js';
import { messages } from '../messages.js';
import { readMovieCatalog, type MovieCatalog } from '../io/titles/movie-catalog.js';
import { catalogGenres, resolveGenre } from '../plot/scatter-data.js';
import { drawScatter, genreCoordinates, type ScatterCoordinates } from '../plot/scatter.js';
import { scatterSvdDims, svdCoordinates } from '../plot/scatter-svd.js';
import { ensureOutputFolder } from '../report/output-folder.js';
import { usageError } from '../util/errors.js';
import { Log, Timings } from '../util/log.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import {
  addKMeansOptions,
  checkEmbed,
  kmeansOptionsFrom,
  representationOptionsFrom,
  type KMeansCliOptions,
} from './kmeans-options.js';
import { outOption, quietOption, titlesOption } from './shared-options.js';
import { loadRatings } from './load-ratings.js';
import { intOption, numberOption } from './options.js';
import { defaultKMeansOptions } from '../kmeans/fit.js';

/** Beyond this a 520-unit plot passes 20 M pixels, which is no sharper on any screen or page. */
const maxScatterScale = 8;

export interface ScatterCliOptions extends KMeansCliOptions, InputCliOptions {
  readonly k: number;
  readonly assignments?: string;
  readonly x?: string;
  readonly y?: string;
  readonly titles?: string;
  readonly out: string;
  readonly spec?: boolean;
  readonly maxPoints: number;
  readonly scale: number;
  readonly quiet?: boolean;
}

/** What the scatter command reads its titles file with (tests pass a catalogue made in memory). */
export interface ScatterDeps {
  readonly readCatalog: (path: string) => Promise<MovieCatalog>;
}

/** Without genres these also choose the SVD drawn (of which matrix, how accurate), so they may go with --assignments. */
const svdPlotFlags: readonly string[] = ['--matrix', '--power-iterations'];

/** The flags that shape a fit: with --assignments they would be ignored, so giving both is refused. */
const fitFlags: ReadonlyArray<[keyof ScatterCliOptions, string]> = [
  ['k', '--k'],
  ['init', '--init'],
  ['nInit', '--n-init'],
  ['maxIter', '--max-iter'],
  ['tol', '--tol'],
  ['matrix', '--matrix'],
  ['embed', '--embed'],
  ['powerIterations', '--power-iterations'],
  ['normalize', '--normalize'],
];

/**
 * `netflix-cluster scatter`: customers' average ratings of two genres (the original's draw_clusters), or without
 * genres their first two SVD coordinates, coloured by cluster.
 */
export function registerScatter(program: Command, deps: ScatterDeps = { readCatalog: readMovieCatalog }): void {
  const cmd = program
    .command('scatter')
    .description(
      "plot each customer's average rating of genre X against genre Y, or without --x/--y the first two SVD coordinates of --matrix, coloured by cluster (one PNG)",
    )
    .option(
      '-k, --k <k>',
      'number of clusters to fit (without --assignments)',
      intOption('--k', 1),
      defaultKMeansOptions.k,
    )
    .option('--assignments <file>', 'take the clusters from an assignments CSV (Cust_Id,cluster) instead of fitting')
    .option(
      '--x <genre>',
      'genre on the x axis, e.g. Sci-Fi (needs --titles with genres); without --x/--y: SVD coordinates',
    )
    .option('--y <genre>', 'genre on the y axis, e.g. Romance')
    .addOption(titlesOption())
    .addOption(outOption('the PNG (its folder made if missing)', { required: true }))
    .option('--spec', "also write the PNG's vega-lite spec beside it (.vl.json)")
    .option(
      '--max-points <n>',
      'draw at most N customers: a seeded sample (--seed) when more have both averages',
      intOption('--max-points', 1),
      5000,
    )
    .option('--scale <x>', 'pixel density of the PNG', numberOption('--scale', 0.25), 2)
    .addOption(quietOption());
  addInputOptions(addKMeansOptions(cmd, 'use a seeded random sample of N customers')).action(
    async (opts: ScatterCliOptions) => {
      const fitGiven = fitFlags.filter(([key]) => cmd.getOptionValueSource(key) === 'cli').map(([, flag]) => flag);
      await runScatter(opts, fitGiven, deps);
    },
  );
}

export async function runScatter(
  opts: ScatterCliOptions,
  fitFlagsGiven: readonly string[],
  deps: ScatterDeps,
): Promise<void> {
  const log = new Log({ quiet: opts.quiet });
  if (opts.scale > maxScatterScale) throw usageError(messages.scaleTooLarge(opts.scale, maxScatterScale));
  if ((opts.x === undefined) !== (opts.y === undefined)) throw usageError(messages.scatterNeedsBothGenres());
  const genres = opts.x !== undefined && opts.y !== undefined ? { x: opts.x, y: opts.y } : null;
  const refitFlags = genres ? fitFlagsGiven : fitFlagsGiven.filter((flag) => !svdPlotFlags.includes(flag));
  if (opts.assignments !== undefined && refitFlags.length > 0)
    throw usageError(messages.scatterAssignmentsAndFit(refitFlags));
  if (genres && opts.titles === undefined) throw usageError(messages.scatterGenresNeedTitles());
  await ensureOutputFolder(opts.out);

  // the small files first: a typo in a genre or the assignments fails before the ratings are read
  let genreAxes: { readonly catalog: MovieCatalog; readonly x: string; readonly y: string } | null = null;
  if (genres) {
    const catalog = await deps.readCatalog(opts.titles!);
    if (catalog.genres === null) throw usageError(messages.scatterNoGenres(opts.titles!));
    const x = resolveGenre(catalog, genres.x);
    if (x === null) throw usageError(messages.scatterUnknownGenre('--x', genres.x, catalogGenres(catalog)));
    const y = resolveGenre(catalog, genres.y);
    if (y === null) throw usageError(messages.scatterUnknownGenre('--y', genres.y, catalogGenres(catalog)));
    genreAxes = { catalog, x, y };
  }
  const assignments = opts.assignments === undefined ? null : await readAssignments(opts.assignments);

  const { label: input, data } = await loadRatings(opts, log, new Timings());
  if (!genreAxes && Math.min(data.matrix.nRows, data.matrix.nCols) < scatterSvdDims) {
    throw usageError(messages.scatterSvdTooSmall(data.matrix.nRows, data.matrix.nCols));
  }
  const km = kmeansOptionsFrom(opts);
  const repOptions = representationOptionsFrom(opts, km.seed, km.threads);
  let transformed: CsrMatrix | null = null;
  let labels: Int32Array;
  let k: number;
  let clustersFrom: string;
  if (assignments) {
    labels = labelsForRows(assignments, data.customerIds, input);
    k = assignments.k;
    clustersFrom = `${opts.assignments}`;
  } else {
    if (opts.k > data.matrix.nRows) throw usageError(messages.kTooLarge(opts.k, data.matrix.nRows));
    checkEmbed(opts, data.matrix);
    // the points fit would cluster: matrix kind -> embedding -> unit length
    const rep = await buildRepresentation(data.matrix, repOptions);
    transformed = rep.transformed;
    const result = await fitKMeans(rep.points, { ...km, k: opts.k });
    labels = result.labels;
    k = opts.k;
    // the whole representation k-means saw, not only the matrix kind (the plane below shows that kind's SVD)
    const how = [
      rep.fitted.embedding === null ? '' : `SVD to ${rep.fitted.embedding.dims} dims`,
      rep.fitted.normalize ? 'unit length' : '',
    ].filter((part) => part !== '');
    const kind = `${opts.matrix} matrix${how.length > 0 ? ` (${how.join(', then ')})` : ''}`;
    clustersFrom = `k-means on the ${kind}, k=${opts.k}, seed ${opts.seed}, ${opts.init}, ${result.nIter} iterations`;
  }
  let coords: ScatterCoordinates;
  if (genreAxes) {
    // the axes span the rating range: --rating-range, else the one the ratings show
    coords = genreCoordinates(data, genreAxes.catalog, genreAxes.x, genreAxes.y, data.ratingRange);
  } else {
    // the --matrix kind fit clusters (its baseline for residual), without fit's embedding or unit length
    transformed ??= (await buildRepresentation(data.matrix, { ...repOptions, embed: 0, normalize: false })).transformed;
    coords = await svdCoordinates(transformed, opts.matrix, {
      seed: km.seed,
      powerIterations: repOptions.powerIterations!,
      threads: km.threads,
    });
  }
  await drawScatter(
    data,
    labels,
    k,
    coords,
    {
      out: opts.out,
      spec: Boolean(opts.spec),
      maxPoints: opts.maxPoints,
      seed: opts.seed,
      scale: opts.scale,
      clustersFrom,
    },
    log,
  );
}
