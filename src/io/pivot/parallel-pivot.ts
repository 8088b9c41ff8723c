import { open, type FileHandle } from 'node:fs/promises';
import { messages } from '../../messages.js';
import type { RatingsData } from '../../matrix/csr.js';
import { anyRatingRange, type RatingRange } from '../../matrix/rating-range.js';
import { resolveRatingRange } from '../../matrix/value-stats.js';
import { sharedArray, sharedCsrArrays } from '../../matrix/shared.js';
import { dataError, noInputError } from '../../util/errors.js';
import { WorkerClient } from '../../util/worker-rpc.js';
import { inspectInput } from '../open-input.js';
import { checkUniqueCustomers, readPivotRatingsCsv, type PivotReadOptions } from './pivot-csv.js';
import type { PartReply, PartRequest, PartSummary, PartWorkerInit } from './pivot-part-protocol.js';
import { parsePivotHeader } from './pivot-scanner.js';

export interface ParallelReadOptions extends PivotReadOptions {
  readonly threads: number;
  /** The part-scanner entry; tests substitute a failing one. */
  readonly workerUrl?: URL;
  /** Below this many bytes per thread, starting threads costs more than it saves (tests lower it). */
  readonly minPartBytes?: number;
}

const MIN_PART_BYTES = 1 << 22;
const NL = 10;

const defaultWorkerUrl = () => new URL('./pivot-part-worker.js', import.meta.url);
type Client = WorkerClient<PartRequest, PartReply>;

/**
 * readPivotRatingsCsv on `threads` threads: the file is cut at line ends into one part per thread, each part is
 * scanned by the same PivotRowScanner, and the parts are copied into one CSR in shared memory (ready for the
 * worker-thread k-means without another copy). Same arrays, same validation, same messages as the streaming
 * reader; when two parts hold errors the earlier one in the file is reported. gzip (which cannot be cut), a --rows
 * limit (which reads a prefix) and small files go to the streaming reader.
 */
export async function readPivotRatingsCsvParallel(path: string, options: ParallelReadOptions): Promise<RatingsData> {
  const input = await inspectInput(path);
  const wanted = Math.floor(Math.min(options.threads, input.size / (options.minPartBytes ?? MIN_PART_BYTES)));
  if (input.gzip || options.rows !== undefined || !(wanted > 1)) return readPivotRatingsCsv(path, options);

  const fh = await open(path, 'r').catch((err: Error) => {
    throw noInputError(messages.inputNotReadable(path, err.message));
  });
  let cuts: number[];
  let movieIds: Int32Array;
  try {
    const headerEnd = await findLineEnd(fh, 0, input.size);
    movieIds = parsePivotHeader(path, await readRange(fh, 0, headerEnd)).movieIds;
    if (headerEnd >= input.size) throw dataError(messages.noDataRows(path));
    cuts = await cutPoints(fh, headerEnd + 1, input.size, wanted);
  } finally {
    await fh.close();
  }

  const parts = cuts.length - 1;
  const progress = sharedArray(Float64Array, 2 * parts);
  const range = options.ratingRange ?? anyRatingRange;
  const url = options.workerUrl ?? defaultWorkerUrl();
  const clients: Client[] = [];
  const timer = options.onProgress
    ? setInterval(() => reportProgress(progress, cuts[0], options.onProgress!), 200)
    : null;
  try {
    for (let j = 0; j < parts; j++) {
      const init: PartWorkerInit = {
        path,
        start: cuts[j],
        end: cuts[j + 1],
        nCols: movieIds.length,
        ratingRange: range,
        progress,
        part: j,
      };
      clients.push(new WorkerClient<PartRequest, PartReply>(url, init, `reading ${path}`));
    }
    const scans = clients.map((c) => c.call({ op: 'scan' }) as Promise<PartSummary>);
    // a failure of any part is only reported once every earlier part is known to be clean: so no rejection may
    // go unobserved meanwhile
    for (const s of scans) s.catch(() => {});
    const summaries: PartSummary[] = [];
    let lineOffset = 1; // the header
    for (let j = 0; j < parts; j++) {
      const s = await scans[j];
      if (s.failedLine > 0) {
        await clients[j].call({ op: 'rethrow', lineOffset });
        throw new Error(`reading ${path}: part ${j + 1} reported a failure it could not repeat`);
      }
      summaries.push(s);
      lineOffset += s.newlines;
    }
    const data = await merge(path, clients, summaries, movieIds, options.ratingRange);
    options.onProgress?.(input.size, data.matrix.nRows);
    return data;
  } finally {
    if (timer !== null) clearInterval(timer);
    await Promise.all(clients.map((c) => c.terminate()));
  }
}

async function merge(
  path: string,
  clients: Client[],
  summaries: PartSummary[],
  movieIds: Int32Array,
  given: RatingRange | undefined,
): Promise<RatingsData> {
  let nRows = 0;
  let nnz = 0;
  for (const s of summaries) {
    nRows += s.nRows;
    nnz += s.nnz;
  }
  if (nRows === 0) throw dataError(messages.noDataRows(path));
  const nCols = movieIds.length;
  const rowPtr = sharedArray(Float64Array, nRows + 1);
  const { colIdx, values: maybeValues } = sharedCsrArrays(nCols, nnz, true);
  const values = maybeValues!;
  const customerIds = sharedArray(Int32Array, nRows);
  const lines = sharedArray(Int32Array, nRows);
  let rowOffset = 0;
  let nnzOffset = 0;
  let lineOffset = 1;
  const copies: Promise<PartReply>[] = [];
  for (let j = 0; j < clients.length; j++) {
    copies.push(
      clients[j].call({ op: 'copy', rowPtr, colIdx, values, customerIds, lines, rowOffset, nnzOffset, lineOffset }),
    );
    rowOffset += summaries[j].nRows;
    nnzOffset += summaries[j].nnz;
    lineOffset += summaries[j].newlines;
  }
  await Promise.all(copies);
  checkUniqueCustomers(path, { customerIds, lines });
  return {
    matrix: { nRows, nCols, rowPtr, colIdx, values },
    customerIds,
    movieIds,
    source: path,
    ratingRange: resolveRatingRange(given, { values }),
  };
}

function reportProgress(
  progress: Float64Array,
  dataStart: number,
  onProgress: (bytes: number, rows: number) => void,
): void {
  let bytes = dataStart;
  let rows = 0;
  for (let j = 0; j < progress.length; j += 2) {
    bytes += progress[j];
    rows += progress[j + 1];
  }
  onProgress(bytes, rows);
}

/**
 * `parts` + 1 offsets from `start` to `size`, each inner one just after a '\n' at or after its even share of the
 * bytes. Parts that would be empty (one line longer than a share) are dropped.
 */
async function cutPoints(fh: FileHandle, start: number, size: number, parts: number): Promise<number[]> {
  const cuts = [start];
  for (let j = 1; j < parts; j++) {
    const nominal = start + Math.floor(((size - start) * j) / parts);
    const from = Math.max(nominal, cuts[cuts.length - 1]);
    const cut = Math.min(size, (await findLineEnd(fh, from, size)) + 1);
    if (cut > cuts[cuts.length - 1] && cut < size) cuts.push(cut);
  }
  cuts.push(size);
  return cuts;
}

/** The offset of the first '\n' at or after `from`, or `size` when there is none. */
async function findLineEnd(fh: FileHandle, from: number, size: number): Promise<number> {
  const buf = Buffer.allocUnsafe(1 << 16);
  for (let at = from; at < size;) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - at), at);
    if (bytesRead === 0) break;
    const nl = buf.subarray(0, bytesRead).indexOf(NL);
    if (nl >= 0) return at + nl;
    at += bytesRead;
  }
  return size;
}

async function readRange(fh: FileHandle, start: number, end: number): Promise<Buffer> {
  const buf = Buffer.alloc(end - start);
  for (let at = 0; at < buf.length;) {
    const { bytesRead } = await fh.read(buf, at, buf.length - at, start + at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return buf;
}
