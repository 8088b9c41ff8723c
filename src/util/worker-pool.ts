import type { WorkerClient } from './worker-rpc.js';

/**
 * The worker threads of one job (k-means passes, SVD products), failing together: the first failure of any thread
 * or request stops every thread, and every later call throws it.
 */
export class WorkerPool<Req, Res> {
  private failure: Error | null = null;

  /** `closedMessage` is what a call after close() throws. */
  constructor(
    readonly clients: readonly WorkerClient<Req, Res>[],
    private readonly closedMessage: string,
  ) {
    for (const c of clients) c.onFailure((err) => this.fail(err));
  }

  /** One request per worker, `request(j)` to worker j; the first failure fails the call and stops every worker. */
  async all(request: (j: number) => Req): Promise<void> {
    if (this.failure !== null) throw this.failure;
    try {
      await Promise.all(this.clients.map((c, j) => c.call(request(j))));
    } catch (err) {
      this.fail(err as Error);
      // the first failure is the cause: an idle worker that died stops the busy ones, whose own rejection
      // ("the worker threads were closed") would otherwise hide why
      throw this.failure ?? err;
    }
  }

  async close(): Promise<void> {
    this.failure ??= new Error(this.closedMessage);
    await Promise.all(this.clients.map((c) => c.terminate()));
  }

  private fail(err: Error): void {
    if (this.failure !== null) return;
    this.failure = err;
    for (const c of this.clients) void c.terminate();
  }
}
