/** Where the generator's bytes go: an AtomicWriter, a gzip stream, stdout or a test's array of chunks. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
}

const COMMA = 44;
const DOT = 46;
const ZERO = 48;
const NL = 10;

/**
 * Formats the df_p pivot CSV straight into large Buffers: `Cust_Id,<movie id>,...` then one line per customer,
 * each rating as `d.0` (pandas' float format), empty cells for movies not rated, lines ending with `\n`. A full
 * buffer is handed to the sink whole and a fresh one started, so the sink may hold on to it.
 */
export class PivotCsvWriter {
  private readonly sink: ByteSink;
  private readonly nCols: number;
  private readonly chunkBytes: number;
  private buf: Buffer;
  private pos = 0;
  bytesWritten = 0;

  constructor(sink: ByteSink, nCols: number, chunkBytes = 8 << 20) {
    this.sink = sink;
    this.nCols = nCols;
    // a row is at most 10 digits of id, 4 bytes a cell and the newline
    this.chunkBytes = Math.max(chunkBytes, 2 * (12 + 4 * nCols));
    this.buf = Buffer.allocUnsafe(this.chunkBytes);
  }

  /** The header line. */
  async header(movieIds: Int32Array): Promise<void> {
    const line = Buffer.from(`Cust_Id,${Array.from(movieIds).join(',')}\n`, 'latin1');
    await this.flush();
    await this.emit(line);
  }

  /** Appends one customer's line; `values[j]` is the rating 1..5 of column j or 0. Call `maybeFlush` after. */
  row(customerId: number, values: Uint8Array): void {
    const buf = this.buf;
    let p = this.pos;
    p = writeUint(buf, p, customerId);
    const n = this.nCols;
    for (let j = 0; j < n; j++) {
      const v = values[j];
      if (v === 0) {
        buf[p++] = COMMA;
      } else {
        buf[p] = COMMA;
        buf[p + 1] = ZERO + v;
        buf[p + 2] = DOT;
        buf[p + 3] = ZERO;
        p += 4;
      }
    }
    buf[p++] = NL;
    this.pos = p;
  }

  /** Hands the buffer to the sink when another row might not fit. */
  async maybeFlush(): Promise<void> {
    if (this.chunkBytes - this.pos < 12 + 4 * this.nCols) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const full = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.chunkBytes);
    this.pos = 0;
    await this.emit(full);
  }

  private async emit(chunk: Buffer): Promise<void> {
    this.bytesWritten += chunk.length;
    await this.sink.write(chunk);
  }
}

/** Writes the decimal digits of a non-negative integer at buf[p], returns the position after them. */
function writeUint(buf: Buffer, p: number, value: number): number {
  let digits = 1;
  for (let x = value; x >= 10; x = Math.floor(x / 10)) digits++;
  let x = value;
  for (let k = p + digits - 1; k >= p; k--) {
    buf[k] = ZERO + (x % 10);
    x = Math.floor(x / 10);
  }
  return p + digits;
}
