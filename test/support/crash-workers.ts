import { isMainThread } from 'node:worker_threads';

/**
 * Preloaded with `node --import` by the fault tests: worker threads inherit the parent's execArgv, so every worker
 * of the CLI loads this too and exits after CRASH_WORKER_MS, as a worker that dies mid-run (out of memory,
 * a native crash) would. The main thread is left alone.
 */
if (!isMainThread) setTimeout(() => process.exit(7), Number(process.env.CRASH_WORKER_MS ?? 500));
