/** Ids (customers, movies) are stored as 32-bit integers: the largest a file may name. */
export const MAX_ID = 2147483647;

/** A decimal number as the readers' slow path accepts it: sign, digits with an optional point, exponent. */
export const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
