import type { CsrMatrix } from '../matrix/csr.js';
import type { RatingRange } from '../matrix/rating-range.js';
import { sharedMatrix } from '../matrix/shared.js';
import { toShared } from '../matrix/shared.js';
import { WorkerClient } from '../util/worker-rpc.js';
import { TopScratch, topForRow } from './recommend.js';
import { predictRowWith, type RowModel } from './row-model.js';

/** Everything the recommender table needs, in plain (shared) arrays: the same on the main thread and in a worker. */
export interface TableContext {
  readonly rowModel: RowModel;
  readonly ratings: CsrMatrix;
  readonly support: Float64Array;
  readonly customerIds: Int32Array;
  readonly movieIds: Int32Array;
  /** CSV-quoted title per column, or null for no title column. */
  readonly titles: string[] | null;
  readonly top: number;
  readonly minSupport: number;
  readonly ratingRange: RatingRange;
}

export function tableHeader(ctx: Pick<TableContext, 'titles'>): string {
  return ctx.titles ? 'Cust_Id,rank,movie,predicted,title\n' : 'Cust_Id,rank,movie,predicted\n';
}

/** The CSV rows Cust_Id,rank,movie,predicted(,title) of customers lo..hi-1. */
export function tableRows(ctx: TableContext, lo: number, hi: number, scratch: TopScratch): string {
  const predictor = { predictRow: (row: number, out: Float64Array) => predictRowWith(ctx.rowModel, row, out) };
  const opts = { top: ctx.top, minSupport: ctx.minSupport, ratingRange: ctx.ratingRange };
  let out = '';
  for (let i = lo; i < hi; i++) {
    const id = ctx.customerIds[i];
    const recs = topForRow(predictor, ctx.ratings, ctx.support, i, opts, scratch).recommendations;
    for (let r = 0; r < recs.length; r++) {
      const col = recs[r].col;
      out += `${id},${r + 1},${ctx.movieIds[col]},${recs[r].predicted.toFixed(4)}${ctx.titles ? `,${ctx.titles[col]}` : ''}\n`;
    }
  }
  return out;
}

/** Customers per chunk: a chunk is one request to a worker and one write. */
const chunkRows = 2000;

/**
 * Streams the table to `write`, chunk by chunk in customer order. With threads > 1 the chunks are computed by worker
 * threads, a round of one chunk per thread at a time, and written in order: the bytes do not depend on the threads.
 */
export async function writeTable(
  ctx: TableContext,
  threads: number,
  write: (chunk: string) => Promise<void>,
  chunk = chunkRows,
): Promise<void> {
  await write(tableHeader(ctx));
  const n = ctx.ratings.nRows;
  if (threads <= 1 || n <= 2 * chunk) {
    const scratch = new TopScratch(ctx.ratings.nCols);
    for (let lo = 0; lo < n; lo += chunk) await write(tableRows(ctx, lo, Math.min(n, lo + chunk), scratch));
    return;
  }
  const shared: TableContext = {
    ...ctx,
    ratings: sharedMatrix(ctx.ratings),
    support: toShared(ctx.support),
    customerIds: toShared(ctx.customerIds),
    movieIds: toShared(ctx.movieIds),
  };
  const url = new URL('./table-worker.js', import.meta.url);
  const clients = Array.from(
    { length: threads },
    () => new WorkerClient<{ lo: number; hi: number }, string>(url, shared, 'recommend'),
  );
  try {
    for (let lo = 0; lo < n; lo += threads * chunk) {
      const parts = clients.map((c, t) => {
        const a = Math.min(n, lo + t * chunk);
        return c.call({ lo: a, hi: Math.min(n, a + chunk) });
      });
      for (const part of await Promise.all(parts)) await write(part);
    }
  } finally {
    await Promise.all(clients.map((c) => c.terminate()));
  }
}
