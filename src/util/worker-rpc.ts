import { parentPort, Worker } from 'node:worker_threads';
import { messages } from '../messages.js';
import { UserError, type ExitCode } from './errors.js';

/**
 * One request at a time to a worker thread, as a promise. Whatever happens to the thread — it throws, it exits, it
 * cannot load its module — the pending request rejects and every later one rejects at once: a run never hangs on a
 * dead worker. The worker is unref'd while idle, so a caller that forgets `terminate()` does not keep the process
 * alive, and ref'd while a request is pending, so the process does not exit under a request.
 */
export class WorkerClient<Req, Res> {
  private readonly worker: Worker;
  private readonly what: string;
  private pending: { resolve: (value: Res) => void; reject: (err: Error) => void } | null = null;
  private failure: Error | null = null;
  private terminating = false;
  private readonly failureListeners: ((err: Error) => void)[] = [];

  /** `what` names the work in messages ("k-means", "reading df_p.csv"). */
  constructor(url: URL, workerData: unknown, what: string) {
    this.what = what;
    this.worker = new Worker(url, { workerData });
    this.worker.unref();
    this.worker.on('message', (reply: Reply<Res>) => {
      const pending = this.pending;
      this.pending = null;
      this.worker.unref();
      if (pending === null) return;
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(replyError(reply.error, what));
    });
    this.worker.on('error', (err: Error) =>
      this.fail(new Error(messages.workerFailed(what, err.message), { cause: err })),
    );
    this.worker.on('exit', (code: number) => {
      if (!this.terminating) this.fail(new Error(messages.workerExited(what, code)));
    });
  }

  /** Called once, with the first failure of the thread (not for failures of single requests). */
  onFailure(listener: (err: Error) => void): void {
    this.failureListeners.push(listener);
  }

  call(request: Req): Promise<Res> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.pending !== null) return Promise.reject(new Error(`${this.what}: a request is already pending`));
    return new Promise<Res>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }

  async terminate(): Promise<void> {
    if (this.terminating) return;
    this.terminating = true;
    this.failure ??= new Error(`${this.what}: the worker threads were closed`);
    this.pending?.reject(this.failure);
    this.pending = null;
    // ref'd until it has exited: an unref'd thread's exit does not keep the event loop alive, so a caller awaiting
    // this (and nothing else) would see the loop drain with its promise still pending
    this.worker.ref();
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    if (this.failure !== null) return;
    this.failure = err;
    this.pending?.reject(err);
    this.pending = null;
    for (const listener of this.failureListeners) listener(err);
  }
}

type Reply<Res> = { ok: true; value: Res } | { ok: false; error: SerializedError };

/** An error crossing the thread boundary: user errors keep their exit code, anything else its stack. */
export interface SerializedError {
  readonly message: string;
  readonly stack?: string;
  readonly exitCode?: number;
}

/** A worker's own failure (not a user error), with the worker's stack. */
export class WorkerRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerRequestError';
  }
}

function replyError(e: SerializedError, what: string): Error {
  if (e.exitCode !== undefined) return new UserError(e.message, e.exitCode as ExitCode);
  const err = new WorkerRequestError(messages.workerFailed(what, e.message));
  if (e.stack) err.stack = e.stack;
  return err;
}

/** The worker's side: answers each request with `handler`'s value, or with its error. */
export function serveRequests<Req, Res>(handler: (request: Req) => Res | Promise<Res>): void {
  const port = parentPort;
  if (port === null) throw new Error('serveRequests must run in a worker thread');
  port.on('message', async (request: Req) => {
    try {
      const value = await handler(request);
      port.postMessage({ ok: true, value } satisfies Reply<Res>);
    } catch (err) {
      const e = err as Error | undefined;
      const error: SerializedError = {
        message: e?.message ?? String(err),
        stack: e?.stack,
        exitCode: err instanceof UserError ? err.exitCode : undefined,
      };
      port.postMessage({ ok: false, error } satisfies Reply<Res>);
    }
  });
}
