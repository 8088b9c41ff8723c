import type { TopLevelSpec } from 'vega-lite';
import type { MatrixKind } from '../matrix/transform.js';
import type { ClusterSelection } from './select.js';
import { defaultRatingRange, type RatingRange } from '../matrix/rating-range.js';

/**
 * Pure functions from a cluster's selected cells to vega-lite specs. Nothing here renders: the specs can be
 * written out (--spec), tested as data, and drawn by render.ts.
 */

/** The family of the bundled DejaVu fonts that render.ts registers; named in every spec's config. */
export const heatmapFont = 'DejaVu Sans';

/** Not-rated cells: a light neutral grey, which neither viridis nor the binary colour comes near. */
export const notRatedColor = '#d4d4d4';
/** The centred scale's middle (0, "as this customer usually rates") is near-white: not rated is a darker grey there. */
export const notRatedColorCentered = '#9c9c9c';

export function notRatedColorFor(kind: MatrixKind): string {
  return kind === 'centered' ? notRatedColorCentered : notRatedColor;
}
/** Binary matrix: the colour of a rated cell. */
export const ratedColor = '#23507a';
/** Pixel size of one cell before --scale: wide enough for a 9 px rotated title, tall enough for a 8 px Cust_Id. */
export const cellWidth = 14;
export const cellHeight = 10;

/** Movie titles on the x axis are cut to this many characters, as the original did (`.str[:40]`). */
export const maxTitleLength = 40;

export interface HeatmapStyle {
  readonly kind: MatrixKind;
  /** Colour domain of the ratings kind; legend ticks are the whole stars inside it. */
  readonly ratingRange: RatingRange;
  /** The centred kind's diverging scale runs from -centeredExtent to +centeredExtent. */
  readonly centeredExtent: number;
  /** Movie id -> title; movie ids are shown when absent. */
  readonly titles?: ReadonlyMap<number, string>;
}

/**
 * One style for all of a run's heatmaps, so the per-cluster images and the combined one read the same colours.
 * The centred scale is symmetric around 0 and wide enough for the largest |value| any cluster shows.
 */
export function heatmapStyle(
  kind: MatrixKind,
  selections: readonly ClusterSelection[],
  opts: { ratingRange?: RatingRange; titles?: ReadonlyMap<number, string> } = {},
): HeatmapStyle {
  let extent = 0;
  if (kind === 'centered') {
    for (const sel of selections) {
      for (const row of sel.values) for (const v of row) if (v !== null && Math.abs(v) > extent) extent = Math.abs(v);
    }
  }
  // round up to a half star so the legend ends on a readable number; never zero (a flat scale draws nothing)
  const centeredExtent = Math.max(0.5, Math.ceil(extent * 2) / 2);
  return { kind, ratingRange: opts.ratingRange ?? defaultRatingRange, centeredExtent, titles: opts.titles };
}

/** `Cluster 3 - 208 customers (70 shown) x 50 movies`: the same line is printed and drawn. */
export function heatmapTitle(sel: ClusterSelection): string {
  return `Cluster ${sel.cluster} - ${sel.size} customers (${sel.customerIds.length} shown) x ${sel.movieIds.length} movies`;
}

/** The heatmap of one cluster, as a complete vega-lite spec. */
export function clusterSpec(sel: ClusterSelection, style: HeatmapStyle): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: baseConfig(style.kind),
    ...clusterLayer(sel, style),
  } as TopLevelSpec;
}

/** Every drawn cluster stacked top to bottom, sharing one colour legend (written as clusters.png). */
export function combinedSpec(sels: readonly ClusterSelection[], style: HeatmapStyle): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: baseConfig(style.kind),
    title: { text: `${sels.length} cluster${sels.length === 1 ? '' : 's'} - ${kindLabel(style.kind)}`, fontSize: 16 },
    vconcat: sels.map((sel) => clusterLayer(sel, style)),
    spacing: 30,
    // each cluster has its own customers and movies; the colours mean the same everywhere
    resolve: { scale: { x: 'independent', y: 'independent', color: 'shared', fill: 'shared' } },
  } as TopLevelSpec;
}

function kindLabel(kind: MatrixKind): string {
  return kind === 'ratings' ? 'ratings' : kind === 'binary' ? 'rated or not' : 'ratings minus each customer\'s mean';
}

function baseConfig(kind: MatrixKind) {
  return {
    font: heatmapFont,
    // the plot area is painted "not rated" (see clusterLayer)
    view: { stroke: null, fill: notRatedColorFor(kind) },
    axis: { labelColor: '#222', titleColor: '#222', domainColor: '#888', tickColor: '#888' },
    legend: { labelFontSize: 11, titleFontSize: 11 },
  };
}

/**
 * One cluster's two layers. The plot area is painted "not rated" and only rated cells become marks: marks are what
 * layout and drawing cost, and most cells of a sparse cluster are empty. The second layer draws a single not-rated
 * cell through another channel (fill), which gives "not rated" its own legend entry beside the value scale.
 */
function clusterLayer(sel: ClusterSelection, style: HeatmapStyle) {
  const gap = firstNotRated(sel);
  return {
    title: { text: heatmapTitle(sel), fontSize: 14, anchor: 'start' },
    data: { values: ratedCells(sel) },
    width: { step: cellWidth },
    height: { step: cellHeight },
    encoding: { x: movieAxis(sel, style.titles), y: customerAxis(sel) },
    layer: [
      { mark: { type: 'rect' }, encoding: { color: valueColor(style) } },
      {
        data: { values: gap ? [gap] : [] },
        mark: { type: 'rect' },
        encoding: {
          fill: {
            datum: 'not rated',
            type: 'nominal',
            scale: { domain: ['not rated'], range: [notRatedColorFor(style.kind)] },
            legend: { title: null, orient: 'right', symbolType: 'square' },
          },
        },
      },
    ],
  };
}

export interface CellRecord {
  /** Cust_Id and movie id as strings: the axes are ordinal, and strings print without thousands separators. */
  readonly c: string;
  readonly m: string;
  readonly v: number;
}

/** The rated cells of a selection, row by row. */
export function ratedCells(sel: ClusterSelection): CellRecord[] {
  const out: CellRecord[] = [];
  const movies = Array.from(sel.movieIds, String);
  sel.values.forEach((row, r) => {
    const c = String(sel.customerIds[r]);
    row.forEach((v, j) => {
      if (v !== null) out.push({ c, m: movies[j], v });
    });
  });
  return out;
}

/** The first not-rated cell (row by row), or null when every shown cell is rated. */
export function firstNotRated(sel: ClusterSelection): { c: string; m: string } | null {
  for (let r = 0; r < sel.values.length; r++) {
    const j = sel.values[r].indexOf(null);
    if (j >= 0) return { c: String(sel.customerIds[r]), m: String(sel.movieIds[j]) };
  }
  return null;
}

function movieAxis(sel: ClusterSelection, titles?: ReadonlyMap<number, string>) {
  const ids = Array.from(sel.movieIds, String);
  const axis: Record<string, unknown> = { orient: 'top', labelAngle: -90, labelFontSize: 9, labelLimit: 400, ticks: false };
  if (titles) {
    // the field stays the movie id (two movies may share a title); the label is looked up by id
    const names: Record<string, string> = {};
    // a movie missing from the file (or with an empty title) keeps its id
    for (const id of sel.movieIds) names[id] = (titles.get(id) || String(id)).slice(0, maxTitleLength);
    axis.labelExpr = `${JSON.stringify(names)}[datum.value]`;
  }
  return { field: 'm', type: 'ordinal', title: titles ? 'movie' : 'movie id', scale: { domain: ids }, axis };
}

function customerAxis(sel: ClusterSelection) {
  return {
    field: 'c',
    type: 'ordinal',
    title: 'Cust_Id',
    scale: { domain: Array.from(sel.customerIds, String) },
    axis: { labelFontSize: 8, ticks: false },
  };
}

function valueColor(style: HeatmapStyle) {
  switch (style.kind) {
    case 'ratings': {
      const { min, max } = style.ratingRange;
      const stars: number[] = [];
      for (let s = Math.ceil(min); s <= Math.floor(max); s++) stars.push(s);
      return {
        field: 'v',
        type: 'quantitative',
        title: 'rating',
        scale: { domain: [min, max], scheme: 'viridis' },
        legend: { values: stars, labelExpr: "datum.value === 1 ? '1 star' : datum.value + ' stars'", gradientLength: 120 },
      };
    }
    case 'binary':
      return {
        datum: 'rated',
        type: 'nominal',
        scale: { domain: ['rated'], range: [ratedColor] },
        legend: { title: null, symbolType: 'square' },
      };
    case 'centered': {
      const e = style.centeredExtent;
      return {
        field: 'v',
        type: 'quantitative',
        title: ['rating minus', "customer's mean"],
        scale: { domain: [-e, e], domainMid: 0, scheme: 'redblue' },
        legend: { values: [-e, 0, e], gradientLength: 120 },
      };
    }
  }
}
