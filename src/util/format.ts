/**
 * How numbers are spelled for people, everywhere (CLI summaries, tables, the Markdown report, profiles): one
 * place, so that `1,000 customers` and `0.23 s` read the same in every output.
 */

/** A count with thousands separators: 144,380. */
export const int = (n: number): string => n.toLocaleString('en-US');

/** A count and its noun, singular for exactly one: `1 customer`, `144,380 customers`, `0 movies`. */
export const counted = (n: number, noun: string): string => `${int(n)} ${noun}${n === 1 ? '' : 's'}`;

/** Milliseconds as seconds with two decimals: `0.23 s`; absent counts as 0. */
export const secs = (ms: number | undefined): string => `${((ms ?? 0) / 1000).toFixed(2)} s`;

/** Share of the cells that hold a rating, in percent (0 for an empty matrix). */
export const densityPercent = (nnz: number, rows: number, cols: number): number =>
  rows * cols > 0 ? (100 * nnz) / (rows * cols) : 0;
