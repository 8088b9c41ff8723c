/** Messages between parallel-pivot.ts and the threads that scan parts of a pivot CSV (pivot-part-worker.ts). */
import type { RatingRange } from '../../matrix/rating-range.js';

export interface PartWorkerInit {
  readonly path: string;
  /** Byte range of the part: whole lines, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly nCols: number;
  readonly ratingRange: RatingRange;
  /** Shared [bytes, rows] per part, updated after each chunk, for the progress line. */
  readonly progress: Float64Array;
  readonly part: number;
}

/** What a part holds once scanned; lines are counted so that the next part knows its first line number. */
export interface PartSummary {
  readonly nRows: number;
  readonly nnz: number;
  /** Line ends ('\n') in the part. */
  readonly newlines: number;
  /** The part's line (1-based within the part) that failed validation, or 0; see the 'rethrow' request. */
  readonly failedLine: number;
}

export type PartRequest =
  | { readonly op: 'scan' }
  /**
   * Scans the failed line again as line `lineOffset + failedLine` of the file, which throws the serial reader's
   * error with the right line number (the part could not know its first line number when it failed).
   */
  | { readonly op: 'rethrow'; readonly lineOffset: number }
  /** Copies the part into the merged arrays, rows from `rowOffset`, entries from `nnzOffset`. */
  | {
      readonly op: 'copy';
      readonly rowPtr: Float64Array;
      readonly colIdx: Uint16Array | Int32Array;
      readonly values: Float32Array;
      readonly customerIds: Int32Array;
      readonly lines: Int32Array;
      readonly rowOffset: number;
      readonly nnzOffset: number;
      readonly lineOffset: number;
    };

export type PartReply = PartSummary | null;
