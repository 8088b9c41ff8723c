import { writeUint } from '../../util/ascii.js';

const COMMA = 44;
const DOT = 46;
const ZERO = 48;
const NL = 10;
/** Bytes one value can take ("3.3333333", "1.2345678e-7"): bounds a row before it is written. */
const MAX_VALUE_BYTES = 16;
/** Output is built in blocks of this size; one write (and one gzip call) per block. */
const BLOCK = 1 << 22;

/**
 * The bytes of the df_p pivot CSV, for both of its writers (`pivot`'s CSR rows and `generate`'s synthetic ones): a
 * `Cust_Id,<movie ids>` header, then one line per customer with each rating as pandas' `to_csv` prints a float
 * frame (`3.0`, `3.5`) and an empty cell where there is none. Rows go byte by byte into large blocks (a full-shape
 * pivot is 770 M cells, mostly empty: no per-cell strings); a full block is handed out whole and a fresh one
 * started, so the caller may keep it.
 */
export class PivotCsvEncoder {
  private readonly nCols: number;
  private readonly blockBytes: number;
  private readonly text = new ValueText();
  private buf: Buffer;
  private pos = 0;
  /** Bytes handed out so far. */
  bytes = 0;

  constructor(nCols: number, blockBytes = BLOCK) {
    this.nCols = nCols;
    this.blockBytes = blockBytes;
    this.buf = Buffer.allocUnsafe(blockBytes);
  }

  header(movieIds: ArrayLike<number>): Buffer {
    const line = Buffer.from(`Cust_Id${Array.from(movieIds, (id) => `,${id}`).join('')}\n`, 'latin1');
    this.bytes += line.length;
    return line;
  }

  /**
   * Appends a customer's line: ratings `values[p]` (null: all 1) at columns `cols[p]` for p in [start, end), the
   * columns ascending. Returns the block the line did not fit in (to hand on first), or null.
   */
  row(
    customerId: number,
    cols: ArrayLike<number>,
    values: ArrayLike<number> | null,
    start: number,
    end: number,
  ): Buffer | null {
    const nCols = this.nCols;
    const need = 12 + nCols + (end - start) * MAX_VALUE_BYTES;
    let full: Buffer | null = null;
    if (this.pos + need > this.buf.length) {
      full = this.take();
      this.buf = Buffer.allocUnsafe(Math.max(this.blockBytes, need));
    }
    const buf = this.buf;
    const text = this.text;
    let pos = writeUint(buf, this.pos, customerId);
    let col = 0;
    for (let p = start; p < end; p++) {
      const c = cols[p];
      // the commas that open cells col..c: empty cells up to c, then c's own
      if (c - col > 32) {
        buf.fill(COMMA, pos, pos + c - col + 1);
        pos += c - col + 1;
      } else {
        for (let k = col; k <= c; k++) buf[pos++] = COMMA;
      }
      const bytes = text.of(values === null ? 1 : values[p]);
      for (let k = 0; k < bytes.length; k++) buf[pos++] = bytes[k];
      col = c + 1;
    }
    buf.fill(COMMA, pos, pos + nCols - col);
    pos += nCols - col;
    buf[pos++] = NL;
    this.pos = pos;
    return full;
  }

  /**
   * Appends a customer's line from dense ratings: `values[j]` is column j's rating as a whole number 1..9, or 0 for
   * none (the generator's rows, where walking the columns beats sorting the rated ones). Returns as `row` does.
   */
  denseRow(customerId: number, values: Uint8Array): Buffer | null {
    const nCols = this.nCols;
    const need = 12 + 4 * nCols;
    let full: Buffer | null = null;
    if (this.pos + need > this.buf.length) {
      full = this.take();
      this.buf = Buffer.allocUnsafe(Math.max(this.blockBytes, need));
    }
    const buf = this.buf;
    let pos = writeUint(buf, this.pos, customerId);
    for (let j = 0; j < nCols; j++) {
      const v = values[j];
      buf[pos++] = COMMA;
      if (v !== 0) {
        buf[pos] = ZERO + v;
        buf[pos + 1] = DOT;
        buf[pos + 2] = ZERO;
        pos += 3;
      }
    }
    buf[pos++] = NL;
    this.pos = pos;
    return full;
  }

  /** The rest of the current block, or null when it is empty. */
  flush(): Buffer | null {
    const rest = this.take();
    if (rest !== null) this.buf = Buffer.allocUnsafe(this.blockBytes);
    return rest;
  }

  private take(): Buffer | null {
    if (this.pos === 0) return null;
    const block = this.buf.subarray(0, this.pos);
    this.bytes += this.pos;
    this.pos = 0;
    return block;
  }
}

/**
 * A value's bytes as pandas would print it: whole numbers as `3.0`, others in the shortest form that reads back to
 * the same float32. Half stars 0..10 come from a table; anything else is formatted once and cached.
 */
class ValueText {
  private readonly halves: Uint8Array[] = [];
  private readonly cache = new Map<number, Uint8Array>();

  constructor() {
    for (let h = 0; h <= 20; h++) this.halves.push(Buffer.from(formatFloat32(h / 2), 'latin1'));
  }

  of(v: number): Uint8Array {
    const h = v * 2;
    if (h >= 0 && h <= 20 && h === Math.floor(h)) return this.halves[h];
    let bytes = this.cache.get(v);
    if (bytes === undefined) {
      bytes = Buffer.from(formatFloat32(v), 'latin1');
      if (this.cache.size < 1 << 16) this.cache.set(v, bytes);
    }
    return bytes;
  }
}

export function formatFloat32(v: number): string {
  if (Number.isInteger(v)) return `${v}.0`;
  for (let p = 1; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}
