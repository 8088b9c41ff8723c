/**
 * A CSV part scanner whose thread exits (code 5) on its first request, for the parallel reader's failure test.
 * Harmless when the test runner loads it as a test file.
 */
import { isMainThread, parentPort } from 'node:worker_threads';

if (!isMainThread) parentPort!.on('message', () => process.exit(5));
