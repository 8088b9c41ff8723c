import type { TopLevelSpec } from 'vega-lite';
import { clusterColor } from './cluster-colors.js';
import { heatmapFont } from './heatmap-style.js';
import { int } from '../util/format.js';

/** A scatter plot of customers coloured by cluster, as a vega-lite spec (pure data; render.ts draws it). */

export interface ScatterPoint {
  /** Cust_Id, for the tooltip. */
  readonly c: number;
  readonly x: number;
  readonly y: number;
  /** Cluster, as a string: the colour scale is nominal. */
  readonly k: string;
}

export interface ScatterLayout {
  readonly title: string;
  readonly subtitle: readonly string[];
  readonly xTitle: string;
  readonly yTitle: string;
  /** Fixed axis domains (the rating range for genre means); data-driven when absent. */
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** Number of clusters: every cluster gets its legend entry and its colour, drawn or not. */
  readonly k: number;
}

/** Side of the square plot area: the original's 8 x 8 inch figure, at a size that reads at A4 width. */
export const scatterSize = 520;

export function scatterSpec(points: readonly ScatterPoint[], layout: ScatterLayout): TopLevelSpec {
  const clusters = Array.from({ length: layout.k }, (_, c) => String(c));
  const drawn = new Array<number>(layout.k).fill(0);
  for (const p of points) drawn[Number(p.k)]++;
  // the legend says how many points of each cluster are drawn: "1 (512)"
  const legendLabels = Object.fromEntries(clusters.map((c, i) => [c, `${c} (${int(drawn[i])})`]));
  const axis = (title: string, domain?: readonly [number, number]) => ({
    field: '',
    type: 'quantitative',
    title,
    // a few pixels beyond the rating range, so that a customer averaging exactly 5 is a whole dot
    scale: domain ? { domain: [...domain], nice: false, zero: false, padding: 8 } : { zero: false, padding: 8 },
  });
  const x = { ...axis(layout.xTitle, layout.xDomain), field: 'x' };
  const y = { ...axis(layout.yTitle, layout.yDomain), field: 'y' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: {
      font: heatmapFont,
      axis: {
        labelColor: '#222',
        titleColor: '#222',
        labelFontSize: 12,
        titleFontSize: 13,
        grid: true,
        gridColor: '#e6e6e6',
      },
      legend: { labelFontSize: 12, titleFontSize: 12 },
      view: { stroke: '#888' },
    },
    title: {
      text: layout.title,
      subtitle: [...layout.subtitle],
      fontSize: 16,
      subtitleFontSize: 12,
      subtitleColor: '#333',
      anchor: 'start',
      offset: 12,
    },
    width: scatterSize,
    height: scatterSize,
    data: { values: points },
    mark: { type: 'circle', size: 22, opacity: 0.75 },
    encoding: {
      x,
      y,
      color: {
        field: 'k',
        type: 'nominal',
        scale: { domain: clusters, range: clusters.map((_, c) => clusterColor(c)) },
        legend: { title: ['cluster', '(points drawn)'], labelExpr: `${JSON.stringify(legendLabels)}[datum.value]` },
      },
      tooltip: [
        { field: 'c', type: 'nominal', title: 'Cust_Id' },
        { field: 'k', type: 'nominal', title: 'cluster' },
        { field: 'x', type: 'quantitative', title: layout.xTitle, format: '.2f' },
        { field: 'y', type: 'quantitative', title: layout.yTitle, format: '.2f' },
      ],
    },
  } as unknown as TopLevelSpec;
}
