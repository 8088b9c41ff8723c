const ZERO = 48;

/**
 * Writes a non-negative integer below 2^31 as decimal digits at buf[pos]; returns the position after them. No
 * string is built (a writer calls this hundreds of millions of times).
 */
export function writeUint(buf: Uint8Array, pos: number, v: number): number {
  let digits = 1;
  for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
  for (let k = digits - 1; k >= 0; k--) {
    const q = (v / 10) | 0;
    buf[pos + k] = ZERO + v - q * 10;
    v = q;
  }
  return pos + digits;
}
