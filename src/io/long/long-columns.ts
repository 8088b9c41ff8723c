import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';

/** The names a long CSV's header may use for each role, compared without case, `_` or spaces. */
export const longColumnNames = {
  user: ['userId', 'user', 'user_id', 'Cust_Id', 'customerId', 'customer', 'uid'],
  movie: ['movieId', 'movie', 'movie_id', 'Movie_Id', 'itemId', 'item', 'item_id', 'iid'],
  rating: ['rating', 'score', 'stars', 'value'],
} as const;

export type LongRole = keyof typeof longColumnNames;

/** Column names chosen by the user (`--columns user,movie,rating`); any left out are found by longColumnNames. */
export interface LongColumnNames {
  readonly user?: string;
  readonly movie?: string;
  readonly rating?: string;
}

export interface LongColumns {
  readonly user: number;
  readonly movie: number;
  readonly rating: number;
  /** Cells in the header: every row must have as many. */
  readonly count: number;
}

const norm = (s: string) => s.toLowerCase().replace(/[_\s]/g, '');

/** The header's cells: BOM, CR, surrounding spaces and quotes removed. */
export function headerCells(line: string): string[] {
  let text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return text.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

function find(cells: readonly string[], names: readonly string[]): number {
  const wanted = new Set(names.map(norm));
  return cells.findIndex((c) => wanted.has(norm(c)));
}

/** True when the header names a user, a movie and a rating column: how detect-format spots a long CSV. */
export function looksLikeLongHeader(cells: readonly string[]): boolean {
  return (Object.keys(longColumnNames) as LongRole[]).every((role) => find(cells, longColumnNames[role]) >= 0);
}

/** Where each role's column is; a missing or doubly named one is a data error naming the header. */
export function resolveLongColumns(file: string, cells: readonly string[], chosen: LongColumnNames = {}): LongColumns {
  const header = cells.join(',');
  const at = {} as Record<LongRole, number>;
  for (const role of Object.keys(longColumnNames) as LongRole[]) {
    const names = chosen[role] !== undefined ? [chosen[role]!] : longColumnNames[role];
    const index = find(cells, names);
    if (index < 0) throw dataError(messages.longMissingColumn(file, role, names, header));
    // a header naming the same column twice ("rating,rating") is ambiguous: refuse it rather than read the first
    const again = chosen[role] !== undefined ? names : [cells[index]];
    if (find(cells.slice(index + 1), again) >= 0) {
      throw dataError(messages.longDuplicateColumn(file, role, chosen[role] ?? cells[index]));
    }
    const other = (Object.keys(at) as LongRole[]).find((r) => at[r] === index);
    if (other !== undefined) throw dataError(messages.longColumnTwoRoles(file, cells[index], other, role));
    at[role] = index;
  }
  return { ...at, count: cells.length };
}
