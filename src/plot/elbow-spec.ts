import type { TopLevelSpec } from 'vega-lite';

/** One k of the elbow plot; a null silhouette (k = 1) leaves a gap rather than a zero. */
export interface ElbowPoint {
  readonly k: number;
  readonly inertia: number;
  readonly silhouette: number | null;
}

/** The chart's size in CSS pixels; the PNG is this times the render scale, exactly (autosize fit). */
export const ELBOW_PLOT_SIZE = { width: 720, height: 420 } as const;

const INERTIA_COLOR = '#1f77b4';
const SILHOUETTE_COLOR = '#d62728';

/**
 * Inertia (left axis) and silhouette (right axis) against k, as a vega-lite spec. One layered chart with two
 * y scales rather than two panels: the eye looks for the bend in one curve where the other peaks. Axis titles
 * take the colour of their line, so no legend is needed.
 */
export function elbowSpec(
  points: readonly ElbowPoint[],
  opts: { title?: string; subtitle?: string } = {},
): TopLevelSpec {
  const line = (color: string) => ({ type: 'line' as const, color, point: { color, size: 50 }, strokeWidth: 2 });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: opts.title ?? 'Choosing k: inertia and silhouette', subtitle: opts.subtitle ?? '' },
    width: ELBOW_PLOT_SIZE.width,
    height: ELBOW_PLOT_SIZE.height,
    autosize: { type: 'fit', contains: 'padding' },
    background: 'white',
    data: { values: points.map((p) => ({ k: p.k, inertia: p.inertia, silhouette: p.silhouette })) },
    encoding: {
      x: {
        field: 'k',
        type: 'quantitative',
        title: 'k (number of clusters)',
        scale: { zero: false, nice: false },
        axis: { tickMinStep: 1, format: 'd', grid: false },
      },
    },
    layer: [
      {
        mark: line(INERTIA_COLOR),
        encoding: {
          y: {
            field: 'inertia',
            type: 'quantitative',
            title: 'inertia (within-cluster sum of squares)',
            scale: { zero: false },
            axis: { titleColor: INERTIA_COLOR, format: '~s' },
          },
        },
      },
      {
        mark: { ...line(SILHOUETTE_COLOR), strokeDash: [6, 3] },
        encoding: {
          y: {
            field: 'silhouette',
            type: 'quantitative',
            title: 'silhouette (higher is better)',
            scale: { zero: false },
            axis: { titleColor: SILHOUETTE_COLOR, orient: 'right', grid: false },
          },
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
