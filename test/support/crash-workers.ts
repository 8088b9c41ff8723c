import { existsSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * Preloaded with `node --import` by the fault tests: worker threads inherit the parent's execArgv, so every worker
 * of the CLI loads this too, and exits as soon as the file CRASH_WORKER_ON appears, as a worker that dies mid-run
 * (out of memory, a native crash) would. The test creates the file when the run has got going (its first progress
 * line), so the crash comes at a known point, not after a guessed time. The main thread is left alone.
 */
const trigger = process.env.CRASH_WORKER_ON;
if (!isMainThread && trigger !== undefined) {
  const watcher = watch(dirname(trigger), (_event, name) => {
    if (name === basename(trigger)) process.exit(7);
  });
  // the watch alone must not keep a finished worker alive
  watcher.unref();
  if (existsSync(trigger)) process.exit(7);
}
