import { messages } from '../../messages.js';
import { dataError } from '../../util/errors.js';
import type { LongLayout } from './long-layout.js';

/** The names a long CSV's header may use for each role, compared without case, `_` or spaces. */
export const longColumnNames = {
  user: ['userId', 'user', 'user_id', 'Cust_Id', 'customerId', 'customer', 'uid'],
  movie: ['movieId', 'movie', 'movie_id', 'Movie_Id', 'itemId', 'item', 'item_id', 'iid'],
  rating: ['rating', 'score', 'stars', 'value'],
} as const;

/** An optional fourth role: when the header names one (or a header-less line has a fourth cell), it is kept. */
export const timestampColumnNames = ['timestamp', 'time', 'ts', 'date', 'datetime', 'rated_at'] as const;

export type LongRole = keyof typeof longColumnNames;
const roles = Object.keys(longColumnNames) as LongRole[];

/**
 * Columns chosen by the user (`--columns user,movie,rating`): header names, or 1-based positions (`--columns 1,2,3`,
 * the only choice for a file without a header). Any left out are found by longColumnNames or by position.
 */
export interface LongColumnNames {
  readonly user?: string;
  readonly movie?: string;
  readonly rating?: string;
}

export interface LongColumns {
  readonly user: number;
  readonly movie: number;
  readonly rating: number;
  /** The timestamp column, or -1 when there is none. */
  readonly timestamp: number;
  /** Cells in the first line: every row must have as many. */
  readonly count: number;
}

const norm = (s: string) => s.toLowerCase().replace(/[_\s]/g, '');
const POSITION_RE = /^\d+$/;

function find(cells: readonly string[], names: readonly string[]): number {
  const wanted = new Set(names.map(norm));
  return cells.findIndex((c) => wanted.has(norm(c)));
}

/** True when the header names a user, a movie and a rating column: how detect-format spots a long CSV. */
export function looksLikeLongHeader(cells: readonly string[]): boolean {
  return roles.every((role) => find(cells, longColumnNames[role]) >= 0);
}

/** Where each role's column is; a missing, doubly named or out-of-range one is a data error naming line 1. */
export function resolveLongColumns(file: string, layout: LongLayout, chosen: LongColumnNames = {}): LongColumns {
  const { cells } = layout;
  const firstLine = cells.join(layout.delimiter);
  const at = {} as Record<LongRole, number>;
  for (const [i, role] of roles.entries()) {
    const pick = chosen[role];
    let index: number;
    if (pick !== undefined && POSITION_RE.test(pick)) {
      index = Number(pick) - 1;
      if (index < 0 || index >= cells.length)
        throw dataError(messages.longColumnPosition(file, role, pick, cells.length));
    } else if (!layout.header) {
      if (pick !== undefined) throw dataError(messages.longNamesWithoutHeader(file, pick, firstLine));
      index = i;
    } else {
      const names = pick !== undefined ? [pick] : longColumnNames[role];
      index = find(cells, names);
      if (index < 0) throw dataError(messages.longMissingColumn(file, role, names, firstLine));
      // a header naming the same column twice ("rating,rating") is ambiguous: refuse it rather than read the first
      const again = pick !== undefined ? names : [cells[index]];
      if (find(cells.slice(index + 1), again) >= 0)
        throw dataError(messages.longDuplicateColumn(file, role, pick ?? cells[index]));
    }
    const other = roles.find((r) => at[r] === index);
    if (other !== undefined) throw dataError(messages.longColumnTwoRoles(file, cells[index], other, role));
    at[role] = index;
  }
  if (cells.length < 3 && !layout.header) throw dataError(messages.tooFewCells(file, 1, cells.length, 3));
  return { ...at, timestamp: timestampColumn(layout, at), count: cells.length };
}

/** The header's timestamp column, or a header-less file's fourth cell when the three roles sit in the first three. */
function timestampColumn(layout: LongLayout, at: Record<LongRole, number>): number {
  const taken = new Set(Object.values(at));
  if (layout.header) {
    const index = find(layout.cells, timestampColumnNames);
    return index >= 0 && !taken.has(index) ? index : -1;
  }
  return layout.cells.length >= 4 && !taken.has(3) && [0, 1, 2].every((c) => taken.has(c)) ? 3 : -1;
}
