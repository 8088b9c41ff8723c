import { writeFileAtomic } from '../io/atomic-write.js';
import type { RatingsData } from '../matrix/csr.js';
import { messages } from '../messages.js';
import type { Log } from '../util/log.js';
import { genrePoints, pointSample, type MovieCatalog } from './scatter-data.js';
import { scatterSpec, type ScatterPoint } from './scatter-spec.js';
import { int } from '../util/format.js';

/** `netflix-cluster scatter`: the original's draw_clusters, customers as points coloured by cluster. */

/** What is plotted for each customer: two coordinates, and the customers that have them. */
export interface ScatterCoordinates {
  /** Rows of the customers that have both coordinates. */
  readonly rows: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** How many customers were left out and why (subtitle lines; none when everyone is drawn). */
  readonly leftOut: readonly string[];
}

/** Customers' mean ratings of two genres; the axes span the rating range, as the original's 0..5. */
export function genreCoordinates(
  data: RatingsData,
  catalog: MovieCatalog,
  genreX: string,
  genreY: string,
  ratingRange: { readonly min: number; readonly max: number },
): ScatterCoordinates {
  const p = genrePoints(data, catalog, genreX, genreY);
  const leftOut =
    p.noEither === 0
      ? []
      : [
          `left out: ${int(p.noEither)} customer${p.noEither === 1 ? '' : 's'} with no rating in one of the genres (${int(p.noX)} rated no ${genreX} movie, ${int(p.noY)} no ${genreY} movie)`,
        ];
  const domain: readonly [number, number] = [ratingRange.min, ratingRange.max];
  return {
    rows: p.rows,
    x: p.x,
    y: p.y,
    title: `Average ${genreX} rating vs average ${genreY} rating, by cluster`,
    xTitle: `average ${genreX} rating`,
    yTitle: `average ${genreY} rating`,
    xDomain: domain,
    yDomain: domain,
    leftOut,
  };
}

export interface ScatterOptions {
  /** The PNG; its spec goes beside it as .vl.json with `spec`. */
  readonly out: string;
  readonly spec: boolean;
  /** At most this many points are drawn: a seeded sample when more customers have coordinates. */
  readonly maxPoints: number;
  readonly seed: number;
  readonly scale: number;
  /** Where the clusters come from, for the subtitle: "k-means, k=5, seed 0" or the assignments file. */
  readonly clustersFrom: string;
}

export interface ScatterReport {
  readonly path: string;
  readonly specPath: string | null;
  readonly customers: number;
  readonly withCoordinates: number;
  readonly drawn: number;
  readonly width: number;
  readonly height: number;
}

/** The spec's path beside a PNG: `plot.png` -> `plot.vl.json`. */
export function specPathFor(png: string): string {
  return png.replace(/\.png$/i, '') + '.vl.json';
}

/** Samples, lays out, renders and writes the scatter plot (temp file + rename, as every output). */
export async function drawScatter(
  data: RatingsData,
  labels: Int32Array,
  k: number,
  coords: ScatterCoordinates,
  options: ScatterOptions,
  log: Log,
): Promise<ScatterReport> {
  const n = coords.rows.length;
  const picked = pointSample(n, options.maxPoints, options.seed);
  const points: ScatterPoint[] = Array.from(picked, (j) => {
    const r = coords.rows[j];
    return { c: data.customerIds[r], x: coords.x[j], y: coords.y[j], k: String(labels[r]) };
  });
  const customers = data.customerIds.length;
  const shown =
    picked.length < n
      ? `${int(picked.length)} of the ${int(n)} customers drawn: a seeded sample (seed ${options.seed}, --max-points ${int(options.maxPoints)})`
      : `all ${int(n)} of ${int(customers)} customers drawn`;
  const spec = scatterSpec(points, {
    title: coords.title,
    subtitle: [shown, ...coords.leftOut, `clusters: ${options.clustersFrom}`],
    xTitle: coords.xTitle,
    yTitle: coords.yTitle,
    xDomain: coords.xDomain,
    yDomain: coords.yDomain,
    k,
  });
  const { renderPng } = await import('./render.js');
  const image = await renderPng(spec, options.scale);
  const specPath = options.spec ? specPathFor(options.out) : null;
  await Promise.all([
    image.png.then((png) => writeFileAtomic(options.out, png)),
    specPath ? writeFileAtomic(specPath, `${JSON.stringify(spec, null, 1)}\n`) : null,
  ]);
  for (const line of coords.leftOut) log.info(line);
  log.info(messages.scatterWritten(options.out, picked.length, n, customers));
  return {
    path: options.out,
    specPath,
    customers,
    withCoordinates: n,
    drawn: picked.length,
    width: image.width,
    height: image.height,
  };
}
