import { InvalidArgumentError } from 'commander';
import { messages } from '../messages.js';

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

export interface RatingRange {
  readonly min: number;
  readonly max: number;
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

/** A whole number in min..max. */
export function intRangeOption(flag: string, min: number, max: number) {
  const parseInt = intOption(flag, min);
  return (value: string): number => {
    const n = parseInt(value);
    if (n > max) throw new InvalidArgumentError(messages.tooLarge(flag, n, max));
    return n;
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
