import type { TopLevelSpec } from 'vega-lite';
import { clusterColor } from './cluster-colors.js';
import { heatmapFont, notRatedColorFor, valueColor, type HeatmapKind, type HeatmapStyle } from './heatmap-style.js';
import { cutTitle, heatmapSubtitle, heatmapTitle, overviewSubtitle, panelSubtitle } from './heatmap-text.js';
import type { ClusterSelection, SelectMode } from './select.js';
import { counted } from '../util/format.js';

export { heatmapTitle, maxTitleLength } from './heatmap-text.js';

/**
 * Pure functions from a cluster's selected cells to vega-lite specs. Nothing here renders: the specs can be
 * written out (--spec), tested as data, and drawn by render.ts.
 */

/** Pixel size of one cell before --scale: wide enough for a 9 px rotated title, tall enough for a 8 px Cust_Id. */
export const cellWidth = 14;
export const cellHeight = 10;
/** The overview's cells: small, unlabelled, so that a grid of panels fits a page. */
export const panelCellWidth = 6;
export const panelCellHeight = 5;

/** The heatmap of one cluster, as a complete vega-lite spec. */
export function clusterSpec(sel: ClusterSelection, style: HeatmapStyle): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: baseConfig(style.kind),
    ...clusterLayer(sel, style),
  } as unknown as TopLevelSpec;
}

/**
 * How many columns the overview's grid has: the fewest that keep it no taller than twice its width (within the
 * 1:2.5 .. 2.5:1 a page takes), estimated from the largest panel. Few columns keep the text readable at A4 width.
 */
export function overviewColumns(sels: readonly ClusterSelection[]): number {
  const n = sels.length;
  let w = 0;
  let h = 0;
  for (const sel of sels) {
    // a panel is as wide as its cells or its title, whichever is wider; the title and subtitle take ~60 units
    w = Math.max(w, Math.max(sel.movieIds.length * panelCellWidth, 200) + panelSpacing);
    h = Math.max(h, sel.customerIds.length * panelCellHeight + 60 + panelSpacing);
  }
  for (let c = 1; c <= n; c++) if ((c * w) / (Math.ceil(n / c) * h) >= 0.5) return c;
  return Math.max(1, n);
}

const panelSpacing = 24;

/**
 * Every drawn cluster as a small panel in a grid that fits a page, sharing one colour legend (written as
 * clusters.png). `notes` are extra lines under the title (the clusters not drawn and why).
 */
export function combinedSpec(
  sels: readonly ClusterSelection[],
  style: HeatmapStyle,
  notes: readonly string[] = [],
): TopLevelSpec {
  const mode: SelectMode = sels[0]?.mode ?? 'densest';
  const seed = sels[0]?.seed ?? 0;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // text at least 13 units: five panels are ~1050 units wide, ~2100 px at --scale 2, 17.8 cm at 300 dpi; 13 units is then 6 pt
    config: {
      ...baseConfig(style.kind),
      concat: { spacing: panelSpacing },
      legend: { labelFontSize: 13, titleFontSize: 13 },
    },
    title: {
      text: `${sels.length} cluster${sels.length === 1 ? '' : 's'} - ${kindLabel(style.kind)}`,
      subtitle: [...overviewSubtitle(mode, seed), ...notes],
      fontSize: 18,
      subtitleFontSize: 14,
      subtitleColor: '#333',
      anchor: 'start',
      offset: 14,
    },
    columns: overviewColumns(sels),
    concat: sels.map((sel) => panelLayer(sel, style)),
    // each cluster has its own customers and movies; the colours mean the same everywhere
    resolve: { scale: { x: 'independent', y: 'independent', color: 'shared', fill: 'shared' } },
  } as unknown as TopLevelSpec;
}

export function kindLabel(kind: HeatmapKind): string {
  switch (kind) {
    case 'ratings':
      return 'ratings';
    case 'binary':
      return 'rated or not';
    case 'centered':
      return "ratings minus each customer's mean";
    default:
      return 'ratings minus the baseline (mean + customer bias + movie bias)';
  }
}

function baseConfig(kind: HeatmapKind) {
  return {
    font: heatmapFont,
    // the plot area is painted "not rated" (see clusterLayer)
    view: { stroke: null, fill: notRatedColorFor(kind) },
    axis: { labelColor: '#222', titleColor: '#222', domainColor: '#888', tickColor: '#888' },
    legend: { labelFontSize: 12, titleFontSize: 12 },
  };
}

/**
 * One cluster's two layers. The plot area is painted "not rated" and only rated cells become marks: marks are what
 * layout and drawing cost, and most cells of a sparse cluster are empty. The second layer draws a single not-rated
 * cell through another channel (fill), which gives "not rated" its own legend entry beside the value scale.
 */
function clusterLayer(sel: ClusterSelection, style: HeatmapStyle) {
  return {
    title: clusterTitle(sel, heatmapTitle(sel), heatmapSubtitle(sel), {
      fontSize: 14,
      subtitleFontSize: 11,
      offset: 10,
    }),
    data: { values: ratedCells(sel) },
    width: { step: cellWidth },
    height: { step: cellHeight },
    encoding: { x: movieAxis(sel, style.titles), y: customerAxis(sel) },
    layer: cellLayers(sel, style, true),
  };
}

/** A cluster's title, in the cluster's colour, left-aligned: the heatmap's and the overview panel's, sized apart. */
function clusterTitle(
  sel: ClusterSelection,
  text: string,
  subtitle: string[],
  size: { fontSize: number; subtitleFontSize: number; offset: number },
) {
  return {
    text,
    subtitle,
    color: clusterColor(sel.cluster),
    fontSize: size.fontSize,
    subtitleFontSize: size.subtitleFontSize,
    subtitleColor: '#333',
    anchor: 'start',
    offset: size.offset,
  };
}

/** One cluster in the overview: small cells, no tick labels, the title in the cluster's colour. */
function panelLayer(sel: ClusterSelection, style: HeatmapStyle) {
  return {
    title: clusterTitle(sel, `Cluster ${sel.cluster} - ${counted(sel.size, 'customer')}`, panelSubtitle(sel), {
      fontSize: 16,
      subtitleFontSize: 13,
      offset: 6,
    }),
    data: { values: ratedCells(sel) },
    width: { step: panelCellWidth },
    height: { step: panelCellHeight },
    encoding: {
      x: { field: 'm', type: 'ordinal', scale: { domain: Array.from(sel.movieIds, String) }, axis: null },
      y: { field: 'c', type: 'ordinal', scale: { domain: Array.from(sel.customerIds, String) }, axis: null },
    },
    layer: cellLayers(sel, style, false),
  };
}

function cellLayers(sel: ClusterSelection, style: HeatmapStyle, withTooltip: boolean) {
  const gap = firstNotRated(sel);
  const rated: Record<string, unknown> = { mark: { type: 'rect' }, encoding: { color: valueColor(style) } };
  if (withTooltip) {
    const tip = tooltip(sel, style);
    rated.encoding = { ...(rated.encoding as object), tooltip: tip.fields };
    if (tip.transform) rated.transform = tip.transform;
  }
  return [
    rated,
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
  ];
}

/** The tooltip of a cell in an interactive viewer: the customer, the movie's full title and the value. */
function tooltip(sel: ClusterSelection, style: HeatmapStyle) {
  const fields: Record<string, unknown>[] = [{ field: 'c', type: 'nominal', title: 'Cust_Id' }];
  let transform: unknown[] | undefined;
  if (style.titles) {
    const full: Record<string, string> = {};
    for (const id of sel.movieIds) full[id] = style.titles.get(id) || String(id);
    transform = [{ calculate: `${JSON.stringify(full)}[datum.m]`, as: 'title' }];
    fields.push({ field: 'title', type: 'nominal', title: 'movie' });
  } else {
    fields.push({ field: 'm', type: 'nominal', title: 'movie id' });
  }
  if (style.kind !== 'binary') fields.push({ field: 'v', type: 'quantitative', title: 'value', format: '.2f' });
  return { fields, transform };
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
  const axis: Record<string, unknown> = {
    orient: 'top',
    labelAngle: -90,
    labelFontSize: 9,
    labelLimit: 400,
    ticks: false,
  };
  if (titles) {
    // the field stays the movie id (two movies may share a title); the label is looked up by id
    const names: Record<string, string> = {};
    // a movie missing from the file (or with an empty title) keeps its id
    for (const id of sel.movieIds) names[id] = cutTitle(titles.get(id) || String(id));
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
