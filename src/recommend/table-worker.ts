/** Entry of a recommender-table worker thread: top-N rows for a range of customers, from shared arrays. */
import { workerData } from 'node:worker_threads';
import { serveRequests } from '../util/worker-rpc.js';
import { TopScratch } from './recommend.js';
import { tableRows, type TableContext } from './recommend-table.js';

const ctx = workerData as TableContext;
const scratch = new TopScratch(ctx.ratings.nCols);

serveRequests<{ lo: number; hi: number }, string>((r) => tableRows(ctx, r.lo, r.hi, scratch));
