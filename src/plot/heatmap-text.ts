import type { ClusterSelection, SelectMode } from './select.js';
import { filledCells } from './select.js';
import { counted, int } from '../util/format.js';

/** The words of the heatmaps: titles, the subtitles saying what is shown, and movie titles cut to fit. */

/** Movie titles on the x axis are cut to this many characters (the original's `.str[:40]`), now with a mark. */
export const maxTitleLength = 40;

/**
 * `title` cut to at most `max` characters, ending in `…`: at the last word boundary when one falls in the second
 * half of the room (a separator such as " -" or ":" left dangling there goes too), else mid-word.
 * "Star Wars: Episode IV - A New Hope (1977)" -> "Star Wars: Episode IV - A New Hope…".
 */
export function cutTitle(title: string, max = maxTitleLength): string {
  const chars = [...title];
  if (chars.length <= max) return title;
  const room = chars.slice(0, max - 1).join('');
  // a boundary is a space before the first character that no longer fits
  const boundary = chars[max - 1] === ' ' ? room.length : room.lastIndexOf(' ');
  const cut = boundary >= (max - 1) / 2 ? room.slice(0, boundary) : room;
  const trimmed = cut.replace(/[\s\-–—:;,/&(]+$/u, '');
  return `${trimmed === '' ? cut : trimmed}…`;
}

/** `Cluster 3 - 1,208 customers (70 shown) x 50 movies`: the same line is printed and drawn. */
export function heatmapTitle(sel: ClusterSelection): string {
  return `Cluster ${sel.cluster} - ${counted(sel.size, 'customer')} (${int(sel.customerIds.length)} shown) x ${counted(sel.movieIds.length, 'movie')}`;
}

/** A share as a percentage with the digits it deserves: 97.1%, 9.3%, 0.42%, 0%. */
export function percent(share: number): string {
  const p = 100 * share;
  if (p === 0) return '0%';
  if (p >= 1) return `${p.toFixed(1)}%`;
  return `${p.toPrecision(2)}%`;
}

/** Rated share of the shown cells, and of all the cluster's customers x movies cells. */
export function blockFill(sel: ClusterSelection): { shown: number; cluster: number } {
  const cells = sel.customerIds.length * sel.movieIds.length;
  const all = sel.size * sel.totalMovies;
  return { shown: cells === 0 ? 0 : filledCells(sel) / cells, cluster: all === 0 ? 0 : sel.clusterRatings / all };
}

/**
 * The lines under a cluster's title: which movies and customers, how many of the cluster's, how they are ordered,
 * and how full the shown block is against the cluster as a whole (a full-looking block of a 9 %-dense cluster says so).
 */
export function heatmapSubtitle(sel: ClusterSelection): string[] {
  const r = sel.customerIds.length;
  const m = sel.movieIds.length;
  const total = int(sel.totalMovies);
  const size = int(sel.size);
  const fill = blockFill(sel);
  return [
    moviesLine(sel.mode, m, total),
    customersLine(sel.mode, r, size, sel.seed),
    sel.order === 'count'
      ? 'order: customers by ratings among these movies, movies by ratings in the cluster, most first'
      : "order: customers and movies by their score on the block's leading direction (alike ones sit together)",
    `fill: ${percent(fill.shown)} of the ${r} x ${m} cells shown are rated; ${percent(fill.cluster)} of the cluster's ${size} x ${total}`,
  ];
}

function moviesLine(mode: SelectMode, m: number, total: string): string {
  switch (mode) {
    case 'densest':
    case 'sample':
      return `movies: the cluster's ${m} most-rated (of ${total})`;
    case 'distinctive':
      // a cluster of (nearly) everyone has no movie over-represented in it
      if (m === 0)
        return `movies: none of the ${total} has a larger share of the cluster's ratings than of all ratings`;
      return `movies: the ${m} (of ${total}) whose share of the cluster's ratings most exceeds their share of all ratings`;
  }
}

function customersLine(mode: SelectMode, r: number, size: string, seed: number): string {
  switch (mode) {
    case 'densest':
      return `customers: the ${r} of ${size} with the most ratings among these movies (--select densest, the original's choice)`;
    case 'distinctive':
      return `customers: the ${r} of ${size} nearest the cluster's mean, those who rated none of these last (--select distinctive)`;
    case 'sample':
      return `customers: ${r} of ${size} drawn at random (--select sample, seed ${seed})`;
  }
}

/** The overview's per-panel lines: the counts and the fill, short enough for a small panel. */
export function panelSubtitle(sel: ClusterSelection): string[] {
  const fill = blockFill(sel);
  return [
    `${sel.customerIds.length} x ${sel.movieIds.length} shown`,
    `fill ${percent(fill.shown)} (cluster ${percent(fill.cluster)})`,
  ];
}

/** The overview's lines under its title: how every panel was chosen and ordered. */
export function overviewSubtitle(mode: SelectMode, seed: number): string[] {
  const choice = {
    densest:
      "each: the cluster's most-rated movies and the customers with the most ratings among them (--select densest)",
    distinctive:
      'each: the movies that most set the cluster apart and the customers nearest its mean (--select distinctive)',
    sample: `each: a random sample of the cluster's customers (seed ${seed}) and its most-rated movies (--select sample)`,
  }[mode];
  const order =
    mode === 'densest'
      ? 'rows: most ratings first; columns: most rated first; grey: not rated'
      : "rows and columns by their score on the block's leading direction; grey: not rated";
  return [choice, order];
}
