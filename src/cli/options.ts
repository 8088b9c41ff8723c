import { InvalidArgumentError } from 'commander';
import type { RatingRange } from '../matrix/rating-range.js';
import { messages } from '../messages.js';

export type { RatingRange };

/** Option parsers for commander: they throw InvalidArgumentError, which the CLI turns into one line and exit 2. */
export function intOption(flag: string, min = Number.NEGATIVE_INFINITY) {
  return (value: string): number => {
    if (!/^[+-]?\d+$/.test(value.trim())) throw new InvalidArgumentError(messages.badInteger(flag, value));
    const n = Number(value);
    if (n < min) throw new InvalidArgumentError(messages.tooSmall(flag, n, min));
    return n;
  };
}

export function numberOption(flag: string, min = Number.NEGATIVE_INFINITY) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(messages.badNumber(flag, value));
    if (n < min) throw new InvalidArgumentError(messages.tooSmall(flag, n, min));
    return n;
  };
}

export function choiceOption<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new InvalidArgumentError(messages.badChoice(flag, value, choices));
    }
    return value as T;
  };
}

export function ratingRangeOption(value: string): RatingRange {
  const m = /^\s*([0-9.]+)\s*\.\.\s*([0-9.]+)\s*$/.exec(value);
  const min = m ? Number(m[1]) : NaN;
  const max = m ? Number(m[2]) : NaN;
  if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) {
    throw new InvalidArgumentError(messages.badRatingRange(value));
  }
  return { min, max };
}

/** A number strictly between lo and hi (a share such as --holdout). */
export function openRangeOption(flag: string, lo: number, hi: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(messages.badNumber(flag, value));
    if (n <= lo || n >= hi) throw new InvalidArgumentError(messages.notInOpenRange(flag, n, lo, hi));
    return n;
  };
}

/** A whole number in min..max. */
export function intRangeOption(flag: string, min: number, max: number) {
  const parseInt = intOption(flag, min);
  return (value: string): number => {
    const n = parseInt(value);
    if (n > max) throw new InvalidArgumentError(messages.tooLarge(flag, n, max));
    return n;
  };
}

/** A comma-separated list of distinct whole numbers >= min (`--k 2,5,10`), in the order given. */
export function intListOption(flag: string, min = Number.NEGATIVE_INFINITY) {
  return (value: string): number[] => {
    const parts = value.split(',').map((s) => s.trim());
    if (parts.some((s) => !/^[+-]?\d+$/.test(s))) throw new InvalidArgumentError(messages.badIntegerList(flag, value));
    const list = parts.map(Number);
    for (const n of list) if (n < min) throw new InvalidArgumentError(messages.tooSmall(flag, n, min));
    const seen = new Set<number>();
    for (const n of list) {
      if (seen.has(n)) throw new InvalidArgumentError(messages.duplicateInList(flag, n));
      seen.add(n);
    }
    return list;
  };
}

/** A number in (0, 1]: a fraction that may be all but not none. */
export function fractionOption(flag: string) {
  const parseNumber = numberOption(flag);
  return (value: string): number => {
    const n = parseNumber(value);
    if (!(n > 0 && n <= 1)) throw new InvalidArgumentError(messages.notInHalfOpenUnit(flag, n));
    return n;
  };
}

/** A quantile in [0, 1] (the pivot command's --movie-quantile, --customer-quantile). */
export function quantileOption(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(messages.badNumber(flag, value));
    if (n < 0 || n > 1) throw new InvalidArgumentError(messages.quantileRange(flag, n));
    return n;
  };
}

/** `--columns user,movie,rating`: the long CSV's column names, in that order. */
export function columnsOption(value: string): { user: string; movie: string; rating: string } {
  const names = value.split(',').map((s) => s.trim());
  if (names.length !== 3 || names.some((s) => s === '')) throw new InvalidArgumentError(messages.badColumnsSpec(value));
  return { user: names[0], movie: names[1], rating: names[2] };
}

/** A byte count: plain bytes or a decimal K/M/G/T suffix (512M = 512,000,000 bytes, as the messages print MB). */
export function memorySizeOption(flag: string) {
  const units: Record<string, number> = { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return (value: string): number => {
    const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)B?$/i.exec(value.trim());
    const bytes = m ? Number(m[1]) * units[m[2].toUpperCase()] : NaN;
    if (!(bytes >= 1)) throw new InvalidArgumentError(messages.badMemorySize(flag, value));
    return Math.round(bytes);
  };
}
