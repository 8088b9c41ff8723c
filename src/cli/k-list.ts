import { InvalidArgumentError } from 'commander';
import { messages } from '../messages.js';

/**
 * The values of k for `elbow --k`: a range `2..12` (both ends included) or a list `2,4,8`. Returned ascending
 * without repeats, so the table and the plot read left to right whatever order the user typed.
 */
export function kListOption(value: string): number[] {
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(value);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1)
      throw new InvalidArgumentError(messages.badKList(value));
    if (from > to) throw new InvalidArgumentError(messages.emptyKRange(from, to));
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  if (!/^\s*\d+\s*(,\s*\d+\s*)*$/.test(value)) throw new InvalidArgumentError(messages.badKList(value));
  const ks = value.split(',').map((s) => Number(s.trim()));
  if (ks.some((k) => !Number.isSafeInteger(k) || k < 1)) throw new InvalidArgumentError(messages.badKList(value));
  return [...new Set(ks)].sort((a, b) => a - b);
}

/** The shortest way to write `ks` back as an option value: `2..12` when consecutive, else `2,4,8`. */
export function formatKList(ks: readonly number[]): string {
  const consecutive = ks.length > 2 && ks.every((k, i) => i === 0 || k === ks[i - 1] + 1);
  return consecutive ? `${ks[0]}..${ks[ks.length - 1]}` : ks.join(',');
}
