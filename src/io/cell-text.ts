/**
 * Ids (customers, movies) are stored as 32-bit integers: `StoredId.MAX` is the largest a file may name. A const
 * enum, so that tsc writes the number into the scanners' loops (as util/ascii.ts's Byte).
 */
export const enum StoredId {
  MAX = 2147483647,
}

/** A decimal number as the readers' slow path accepts it: sign, digits with an optional point, exponent. */
export const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
