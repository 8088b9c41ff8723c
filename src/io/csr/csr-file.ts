import { open, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { messages } from '../../messages.js';
import type { RatingsData } from '../../matrix/csr.js';
import { anyRatingRange, type RatingRange } from '../../matrix/rating-range.js';
import { resolveRatingRange, valueStats } from '../../matrix/value-stats.js';
import { sharedArray, sharedCsrArrays } from '../../matrix/shared.js';
import { dataError, noInputError } from '../../util/errors.js';
import { openAtomicWriter } from '../atomic-write.js';
import { inspectInput } from '../open-input.js';
import { validateCsr } from './csr-validate.js';

/**
 * A binary CSR file: the parsed matrix as it lies in memory, so that a second run skips the CSV (1 GB, seconds)
 * and reads ~440 MB of arrays instead. Little-endian, every section 8-byte aligned:
 *
 *   0  magic    8 bytes  89 'C' 'S' 'R' '\r' '\n' 1a '\n'  (PNG-style: catches text-mode mangling, never a CSV)
 *   8  version  u32      1
 *  12  flags    u32      bit 0: values present (else every entry is 1), bit 1: colIdx is int32 (else uint16)
 *  16  nRows    u64
 *  24  nCols    u64
 *  32  nnz      u64
 *  40  reserved, zero, up to 64
 *  64  customerIds i32[nRows], movieIds i32[nCols], rowPtr f64[nRows+1], colIdx u16|i32[nnz], values f32[nnz]
 */
export const CSR_MAGIC = Buffer.from([0x89, 0x43, 0x53, 0x52, 0x0d, 0x0a, 0x1a, 0x0a]);
export const CSR_VERSION = 1;
const HEADER_BYTES = 64;
const FLAG_VALUES = 1;
const FLAG_COL_INT32 = 2;
const KNOWN_FLAGS = FLAG_VALUES | FLAG_COL_INT32;
/** Reads go in pieces this large: big enough to stream at disk speed, small enough to stay under any I/O limit. */
const IO_CHUNK = 1 << 26;

interface Layout {
  readonly nRows: number;
  readonly nCols: number;
  readonly nnz: number;
  readonly hasValues: boolean;
  readonly colInt32: boolean;
  /** Byte offsets of the sections, and the total file size. */
  readonly customerIds: number;
  readonly movieIds: number;
  readonly rowPtr: number;
  readonly colIdx: number;
  readonly values: number;
  readonly size: number;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

function layoutOf(nRows: number, nCols: number, nnz: number, hasValues: boolean, colInt32: boolean): Layout {
  const customerIds = HEADER_BYTES;
  const movieIds = align8(customerIds + 4 * nRows);
  const rowPtr = align8(movieIds + 4 * nCols);
  const colIdx = rowPtr + 8 * (nRows + 1);
  const colEnd = colIdx + (colInt32 ? 4 : 2) * nnz;
  const values = align8(colEnd);
  const size = hasValues ? values + 4 * nnz : colEnd;
  return { nRows, nCols, nnz, hasValues, colInt32, customerIds, movieIds, rowPtr, colIdx, values, size };
}

function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Writes `data` as a CSR file, atomically (temporary file + rename). */
export async function writeCsrFile(path: string, data: RatingsData): Promise<number> {
  const m = data.matrix;
  const nnz = m.rowPtr[m.nRows];
  const colInt32 = m.colIdx instanceof Int32Array;
  const layout = layoutOf(m.nRows, m.nCols, nnz, m.values !== null, colInt32);
  const header = Buffer.alloc(HEADER_BYTES);
  CSR_MAGIC.copy(header, 0);
  header.writeUInt32LE(CSR_VERSION, 8);
  header.writeUInt32LE((layout.hasValues ? FLAG_VALUES : 0) | (colInt32 ? FLAG_COL_INT32 : 0), 12);
  header.writeBigUInt64LE(BigInt(m.nRows), 16);
  header.writeBigUInt64LE(BigInt(m.nCols), 24);
  header.writeBigUInt64LE(BigInt(nnz), 32);

  const writer = openAtomicWriter(path);
  let written = 0;
  const put = async (bytes: Uint8Array, at: number) => {
    if (at > written) await writer.write(new Uint8Array(at - written));
    // large sections go in slices so that the stream never holds a second copy of a 300 MB array
    for (let p = 0; p < bytes.length; p += IO_CHUNK)
      await writer.write(bytes.subarray(p, Math.min(bytes.length, p + IO_CHUNK)));
    written = at + bytes.length;
  };
  try {
    await put(header, 0);
    await put(bytesOf(data.customerIds), layout.customerIds);
    await put(bytesOf(data.movieIds), layout.movieIds);
    await put(bytesOf(m.rowPtr), layout.rowPtr);
    await put(bytesOf(m.colIdx), layout.colIdx);
    if (m.values !== null) await put(bytesOf(m.values), layout.values);
    await writer.commit();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return layout.size;
}

/** Whether the file starts with the CSR magic bytes (a missing or short file is simply "no"). */
export async function isCsrFile(path: string): Promise<boolean> {
  let fh: FileHandle | null = null;
  try {
    fh = await open(path, 'r');
    const head = Buffer.alloc(CSR_MAGIC.length);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(CSR_MAGIC);
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

export interface CsrReadOptions {
  /** Keep only the first `rows` customers; only their bytes are read. */
  readonly rows?: number;
  /** When given, every stored rating must lie in it (the CSV reader's check, for files converted with another range). */
  readonly ratingRange?: RatingRange;
}

/**
 * Reads a CSR file into shared memory (the worker threads use it as it is) and validates it, so that a
 * damaged file fails with one line (exit 65) rather than feeding garbage to kernels that trust their input.
 */
export async function readCsrFile(path: string, options: CsrReadOptions = {}): Promise<RatingsData> {
  if (endianness() !== 'LE')
    throw dataError(messages.csrCorrupt(path, 'CSR files are little-endian; this machine is not'));
  const info = await inspectInput(path);
  const fh = await open(path, 'r').catch((err: Error) => {
    throw noInputError(messages.inputNotReadable(path, err.message));
  });
  try {
    const layout = await readLayout(fh, path, info.size);
    const rows = Math.min(options.rows ?? layout.nRows, layout.nRows);
    const read = async <T extends ArrayBufferView>(target: T, at: number): Promise<T> => {
      const bytes = bytesOf(target);
      for (let p = 0; p < bytes.length;) {
        const { bytesRead } = await fh.read(bytes, p, Math.min(IO_CHUNK, bytes.length - p), at + p);
        if (bytesRead === 0) throw dataError(messages.csrBadSize(path, at + p, layout.size));
        p += bytesRead;
      }
      return target;
    };
    const customerIds = await read(sharedArray(Int32Array, rows), layout.customerIds);
    const movieIds = await read(new Int32Array(layout.nCols), layout.movieIds);
    const rowPtr = await read(sharedArray(Float64Array, rows + 1), layout.rowPtr);
    const nnz = rowPtr[rows];
    if (!(Number.isSafeInteger(nnz) && nnz >= 0 && nnz <= layout.nnz)) {
      throw dataError(messages.csrCorrupt(path, `row offset ${nnz} outside 0..${layout.nnz}`));
    }
    // in one WebAssembly memory, where the k-means kernels read them in place (when the column width is the one
    // sharedCsrArrays picks, as our writer's is)
    const arrays =
      layout.colInt32 === layout.nCols >= 65536
        ? sharedCsrArrays(layout.nCols, nnz, layout.hasValues)
        : {
            colIdx: layout.colInt32 ? sharedArray(Int32Array, nnz) : sharedArray(Uint16Array, nnz),
            values: layout.hasValues ? sharedArray(Float32Array, nnz) : null,
          };
    const colIdx = await read(arrays.colIdx, layout.colIdx);
    const values = arrays.values === null ? null : await read(arrays.values, layout.values);
    const matrix = { nRows: rows, nCols: layout.nCols, rowPtr, colIdx, values };
    // one scan of the values for both the check and the scale
    const stats = values === null ? null : valueStats(values);
    validateCsr(path, matrix, customerIds, movieIds, options.ratingRange ?? anyRatingRange, stats);
    return {
      matrix,
      customerIds,
      movieIds,
      source: path,
      ratingRange: resolveRatingRange(options.ratingRange, matrix, stats),
    };
  } finally {
    await fh.close();
  }
}

async function readLayout(fh: FileHandle, path: string, fileSize: number): Promise<Layout> {
  const header = Buffer.alloc(HEADER_BYTES);
  const { bytesRead } = await fh.read(header, 0, HEADER_BYTES, 0);
  if (bytesRead < CSR_MAGIC.length || !header.subarray(0, CSR_MAGIC.length).equals(CSR_MAGIC)) {
    throw dataError(messages.csrBadMagic(path));
  }
  if (bytesRead < HEADER_BYTES) throw dataError(messages.csrBadSize(path, fileSize, HEADER_BYTES));
  const version = header.readUInt32LE(8);
  if (version !== CSR_VERSION) throw dataError(messages.csrBadVersion(path, version, CSR_VERSION));
  const flags = header.readUInt32LE(12);
  if ((flags & ~KNOWN_FLAGS) !== 0) throw dataError(messages.csrCorrupt(path, `unknown flags 0x${flags.toString(16)}`));
  const nRows = Number(header.readBigUInt64LE(16));
  const nCols = Number(header.readBigUInt64LE(24));
  const nnz = Number(header.readBigUInt64LE(32));
  const colInt32 = (flags & FLAG_COL_INT32) !== 0;
  // sizes far beyond the file are caught by the size check below; these bounds keep the arithmetic exact
  if (nRows > 2 ** 40 || nCols > 2 ** 31 || nnz > 2 ** 45) {
    throw dataError(messages.csrCorrupt(path, `implausible shape ${nRows} x ${nCols} with ${nnz} entries`));
  }
  if (!colInt32 && nCols > 65536)
    throw dataError(messages.csrCorrupt(path, `${nCols} columns do not fit 16-bit indices`));
  const layout = layoutOf(nRows, nCols, nnz, (flags & FLAG_VALUES) !== 0, colInt32);
  if (layout.size !== fileSize) throw dataError(messages.csrBadSize(path, fileSize, layout.size));
  return layout;
}
