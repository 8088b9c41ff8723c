import { constrainedMemory } from 'node:process';
import { totalmem } from 'node:os';
import { messages } from '../messages.js';
import { usageError } from '../util/errors.js';
import { isCsrFile } from './csr/csr-file.js';
import { detectFormat, type RatingsFormat } from './detect-format.js';
import { inspectInput, readChunks, type InputInfo } from './open-input.js';
import { parquetParts, parquetRowCount } from './parquet/parts.js';
import { expandDirectory } from './read-ratings.js';

/**
 * What a read will need, guessed from the file sizes (and a pivot's first MB) before the parse, so that a run too
 * big for the machine fails in a second with numbers and a way out instead of swapping for an hour (the original's
 * fate on a 16 GB laptop) or dying of an out-of-memory kill that leaves no message.
 *
 * Calibrated on this machine: a generated 20,000-row df_p pivot (137 MB, 10.0 M ratings: 13.7 bytes a rating)
 * peaked at 213 MB RSS through convert and fit, 40 MB of it Node itself: ~17 bytes a rating (the scanner's columns
 * and values, the CSR arrays, per-row arrays at ~500 ratings a row). From its .csr (60 MB) fit peaked at 152 MB:
 * ~11 bytes a rating. The raw and long readers hold 12 bytes a rating in their scanners before the CSR is built and
 * sorted: counted as 30; a long file's timestamps add 8 bytes a rating in the scan and 8 per stored entry: 46.
 * gzip: the text is taken as 10x the file (df_p compresses 7-10x), erring high.
 * The clusters themselves (k x movies doubles, a few copies) are small beside the data, so k is not counted: the
 * k-means kernels read a .csr's or a pivot's ratings where the reader put them (a WebAssembly memory, shared.ts
 * sharedCsrArrays), and the full df_p shape from its .csr peaked at 536 MB with k = 5 and 614 MB with k = 50
 * (7.4-8.5 bytes a rating); a .csr counts 11, as calibrated.
 */
const TEXT_BYTES_PER_RATING: Record<RatingsFormat, number> = { pivot: 14, netflix: 20, long: 24 };
const PEAK_BYTES_PER_RATING: Record<RatingsFormat | 'csr', number> = { pivot: 18, netflix: 30, long: 46, csr: 11 };
const GZIP_RATIO = 10;
/** Node, V8 and the code before any data. */
const BASE_BYTES = 64 << 20;

const SAMPLE_BYTES = 1 << 20;
/** The shortest rated cell, "5,": no pivot spends fewer bytes a rating. */
const MIN_PIVOT_BYTES_PER_RATING = 2;

/**
 * A pivot's bytes a rating depend on its density (one comma per empty cell): 14 at df_p's 9 %, 4 when every cell is
 * rated. The first MB of data lines says which, so a dense pivot is not underestimated 3x. Falls back to df_p's
 * figure when the sample holds no whole data line.
 */
async function pivotBytesPerRating(info: InputInfo): Promise<number> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of readChunks(info)) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= SAMPLE_BYTES) break;
  }
  const text = Buffer.concat(chunks).subarray(0, SAMPLE_BYTES).toString('latin1');
  const headerEnd = text.indexOf('\n');
  const lastEnd = text.lastIndexOf('\n');
  if (headerEnd < 0 || lastEnd <= headerEnd) return TEXT_BYTES_PER_RATING.pivot;
  let ratings = 0;
  for (const line of text.slice(headerEnd + 1, lastEnd).split('\n')) {
    const cells = line.split(',');
    for (let c = 1; c < cells.length; c++) if (cells[c] !== '' && cells[c] !== '\r') ratings++;
  }
  if (ratings === 0) return TEXT_BYTES_PER_RATING.pivot;
  return Math.max(MIN_PIVOT_BYTES_PER_RATING, (lastEnd - headerEnd) / ratings);
}

export interface MemoryEstimate {
  /** Estimated ratings in the input (upper bound). */
  readonly ratings: number;
  /** Estimated peak bytes of the read and the fit. */
  readonly bytes: number;
  /** Bytes on disk, all files. */
  readonly fileBytes: number;
  /** Every file is a pivot CSV or a CSR file, whose readers stop after --rows customers. */
  readonly stopsEarly: boolean;
  /** A single CSR file: converting again would not help. */
  readonly csr: boolean;
}

export async function estimateReadMemory(input: string, format?: RatingsFormat): Promise<MemoryEstimate> {
  // Parquet says its row count in the footer: exact ratings, held as the long reader holds them
  const parquet = format === undefined || format === 'long' ? await parquetParts(input) : null;
  if (parquet !== null) {
    const { rows, bytes } = await parquetRowCount(parquet);
    return {
      ratings: rows,
      bytes: BASE_BYTES + rows * PEAK_BYTES_PER_RATING.long,
      fileBytes: bytes,
      stopsEarly: false,
      csr: false,
    };
  }
  const paths = await expandDirectory(input);
  let ratings = 0;
  let bytes = BASE_BYTES;
  let fileBytes = 0;
  let stopsEarly = true;
  let csr = false;
  for (const path of paths) {
    const info = await inspectInput(path);
    fileBytes += info.size;
    if (format === undefined && paths.length === 1 && (await isCsrFile(path))) {
      // a CSR file is its arrays: 6 bytes a rating plus the row arrays
      const n = info.size / 6;
      ratings += n;
      bytes += n * PEAK_BYTES_PER_RATING.csr;
      csr = true;
      continue;
    }
    const f = format ?? (await detectFormat(path));
    const perRating = f === 'pivot' ? await pivotBytesPerRating(info) : TEXT_BYTES_PER_RATING[f];
    const n = (info.gzip ? info.size * GZIP_RATIO : info.size) / perRating;
    ratings += n;
    bytes += n * PEAK_BYTES_PER_RATING[f];
    if (f !== 'pivot') stopsEarly = false;
  }
  return { ratings: Math.round(ratings), bytes: Math.round(bytes), fileBytes, stopsEarly, csr };
}

/**
 * The memory a run may use: --max-memory when given (tests, shared machines), else the machine's RAM or the
 * container's limit when lower. Not os.freemem(): Linux counts its page cache as used, so free memory is small on
 * a healthy machine and changes from run to run; the check must not make the same command succeed or fail by luck.
 */
export function availableMemory(maxMemory?: number): number {
  if (maxMemory !== undefined) return maxMemory;
  const limit = constrainedMemory?.() ?? 0;
  return limit > 0 ? Math.min(limit, totalmem()) : totalmem();
}

export interface MemoryCheckOptions {
  readonly format?: RatingsFormat;
  readonly maxMemory?: number;
  /** --rows: the pivot and CSR readers stop after N customers, so the whole file is no measure for them. */
  readonly rows?: number;
  /** False for convert itself: converting is then no way out. */
  readonly suggestConvert?: boolean;
}

/**
 * Fails (exit 2, a usage error: the file is fine and so is the machine, the request is too big for it) when the
 * estimate exceeds the memory available. Missing or unreadable files are left for the reader to report.
 */
export async function checkMemory(input: string, options: MemoryCheckOptions = {}): Promise<void> {
  let estimate: MemoryEstimate;
  try {
    estimate = await estimateReadMemory(input, options.format);
  } catch {
    return;
  }
  if (options.rows !== undefined && estimate.stopsEarly) return;
  const available = availableMemory(options.maxMemory);
  if (estimate.bytes > available) {
    throw usageError(
      messages.notEnoughMemory(
        input,
        estimate.fileBytes,
        estimate.ratings,
        estimate.bytes,
        available,
        options.maxMemory !== undefined,
        estimate.csr || options.suggestConvert === false,
      ),
    );
  }
}
