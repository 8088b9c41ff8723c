import { counted, densityPercent, int, secs } from '../util/format.js';

/**
 * The CLI's presentation: the lines and tables every command's summary shares. Numbers are spelled by
 * src/util/format.ts (also used by the report and the profiles).
 */
export { counted, int, secs };

/** The label column of a summary line: `matrix      ...`. */
export const label = (name: string): string => name.padEnd(12);

/** `matrix      ratings, 1,000 customers x 5,332 movies, 501,674 ratings (9.41% dense)`. */
export function matrixLine(m: { matrix: string; rows: number; cols: number; nnz: number }): string {
  const density = densityPercent(m.nnz, m.rows, m.cols);
  return `${label('matrix')}${m.matrix}, ${int(m.rows)} customers x ${int(m.cols)} movies, ${int(m.nnz)} ratings (${density.toFixed(2)}% dense)`;
}

/** A `note        ...` line of a summary. */
export const noteLine = (text: string): string => `${label('note')}${text}`;

/**
 * A table of right-aligned columns, two spaces apart, the header first: elbow's and any other command's table
 * on stdout.
 */
export function alignedTable(header: readonly string[], body: ReadonlyArray<readonly string[]>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), ...body.map(line)];
}
