import { defaultRatingRange, type RatingRange } from '../matrix/rating-range.js';
import type { MatrixKind } from '../matrix/transform.js';
import type { ClusterSelection } from './select.js';

/**
 * How a run's heatmaps colour their cells: the kinds of values, the colours and the one style (scale limits, titles)
 * that all of a run's images share. heatmap-spec.ts lays the cells out.
 */

/**
 * What the cells hold. `residual` (rating minus the baseline mu + b_u + b_i) is drawn like `centered`; it is named
 * here so its pictures can be drawn whether or not `--matrix` offers it yet.
 */
export type HeatmapKind = MatrixKind | 'residual';

/** The family of the bundled DejaVu fonts that render.ts registers; named in every spec's config. */
export const heatmapFont = 'DejaVu Sans';

/** Not-rated cells: a light neutral grey, which neither viridis nor the binary colour comes near. */
export const notRatedColor = '#d4d4d4';
/** The diverging scales' middle (0, "as expected") is near-white: not rated is a darker grey there. */
export const notRatedColorCentered = '#9c9c9c';

/** Kinds whose values are deviations around 0 (drawn on a diverging scale centred on 0). */
export function isDiverging(kind: HeatmapKind): boolean {
  return kind !== 'ratings' && kind !== 'binary';
}

export function notRatedColorFor(kind: HeatmapKind): string {
  return isDiverging(kind) ? notRatedColorCentered : notRatedColor;
}
/** Binary matrix: the colour of a rated cell. */
export const ratedColor = '#23507a';

/** The diverging scale's limits are this quantile of the shown |values|: a few outliers do not pale every cell. */
export const divergingQuantile = 0.98;

export interface HeatmapStyle {
  readonly kind: HeatmapKind;
  /** Colour domain of the ratings kind; legend ticks are the whole stars inside it. */
  readonly ratingRange: RatingRange;
  /** The diverging (centred, residual) scale runs from -centeredExtent to +centeredExtent. */
  readonly centeredExtent: number;
  /** Some shown |value| lies beyond the extent: drawn in the end colour, the legend's ends read "≤" and "≥". */
  readonly clipped: boolean;
  /** Movie id -> title; movie ids are shown when absent. */
  readonly titles?: ReadonlyMap<number, string>;
}

/**
 * One style for all of a run's heatmaps, so the per-cluster images and the combined one read the same colours.
 * The diverging scale is symmetric around 0, its limit the 98th percentile of the |values| shown in all clusters,
 * rounded up to a tenth.
 */
export function heatmapStyle(
  kind: HeatmapKind,
  selections: readonly ClusterSelection[],
  opts: { ratingRange?: RatingRange; titles?: ReadonlyMap<number, string> } = {},
): HeatmapStyle {
  let extent = 0.1;
  let clipped = false;
  if (isDiverging(kind)) {
    const abs: number[] = [];
    for (const sel of selections)
      for (const row of sel.values) for (const v of row) if (v !== null) abs.push(Math.abs(v));
    if (abs.length > 0) {
      const sorted = Float64Array.from(abs).sort();
      const q = sorted[Math.max(0, Math.ceil(divergingQuantile * sorted.length) - 1)];
      // never zero (a flat scale draws nothing); the small epsilon keeps 2.0 from rounding up to 2.1
      extent = Math.max(0.1, Math.ceil(q * 10 - 1e-9) / 10);
      clipped = sorted[sorted.length - 1] > extent;
    }
  }
  return {
    kind,
    ratingRange: opts.ratingRange ?? defaultRatingRange,
    centeredExtent: extent,
    clipped,
    titles: opts.titles,
  };
}

/** The colour encoding of the rated cells: viridis over the rating range, one colour for binary, red-blue around 0. */
export function valueColor(style: HeatmapStyle) {
  if (style.kind === 'ratings') {
    const { min, max } = style.ratingRange;
    const stars: number[] = [];
    for (let s = Math.ceil(min); s <= Math.floor(max); s++) stars.push(s);
    return {
      field: 'v',
      type: 'quantitative',
      title: 'rating',
      scale: { domain: [min, max], scheme: 'viridis' },
      legend: {
        values: stars,
        labelExpr: "datum.value === 1 ? '1 star' : datum.value + ' stars'",
        gradientLength: 120,
      },
    };
  }
  if (style.kind === 'binary') {
    return {
      datum: 'rated',
      type: 'nominal',
      scale: { domain: ['rated'], range: [ratedColor] },
      legend: { title: null, symbolType: 'square' },
    };
  }
  const e = style.centeredExtent;
  const legend: Record<string, unknown> = { values: [-e, 0, e], gradientLength: 120 };
  // values beyond the limits are drawn in the end colours: the legend's ends say so
  if (style.clipped)
    legend.labelExpr = `datum.value <= ${-e} ? '≤ ' + datum.label : datum.value >= ${e} ? '≥ ' + datum.label : datum.label`;
  return {
    field: 'v',
    type: 'quantitative',
    title: style.kind === 'centered' ? ['rating minus', "customer's mean"] : ['rating minus', 'baseline'],
    scale: { domain: [-e, e], domainMid: 0, scheme: 'redblue', clamp: true },
    legend,
  };
}
