/**
 * A hidden test hook: NETFLIX_CLUSTER_PROGRESS_LINES=1 prints each progress line as a plain line, even off a
 * terminal and under --quiet, so that a test can wait for a run to get going instead of sleeping.
 */
const progressLines = process.env.NETFLIX_CLUSTER_PROGRESS_LINES === '1';

/**
 * Where the tool talks to people: stderr, never stdout (stdout carries data). `info` lines are the summary
 * (silenced by --quiet); `progress` redraws one status line and only when stderr is a terminal.
 */
export class Log {
  readonly quiet: boolean;
  readonly tty: boolean;
  /** Whether `progress` draws anything: on a terminal, or under the test hook. */
  readonly showsProgress: boolean;
  private progressShown = false;
  private lastDraw = 0;

  constructor(opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}) {
    this.stream = opts.stream ?? process.stderr;
    this.quiet = opts.quiet ?? false;
    this.tty = Boolean(this.stream.isTTY) && !this.quiet;
    this.showsProgress = this.tty || progressLines;
  }
  private readonly stream: NodeJS.WriteStream;

  info(line: string): void {
    if (this.quiet) return;
    this.clearProgress();
    this.stream.write(`${line}\n`);
  }

  /** A transient status line, rate-limited to 10 redraws a second. */
  progress(text: string, force = false): void {
    if (!this.showsProgress) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    if (progressLines) {
      this.stream.write(`progress: ${text}\n`);
      return;
    }
    this.stream.write(`\r\x1b[2K${text}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (!this.progressShown) return;
    this.stream.write('\r\x1b[2K');
    this.progressShown = false;
  }
}

/** Wall-clock timings of the phases of a run, in milliseconds, in the order they ran. */
export class Timings {
  readonly ms: Record<string, number> = {};

  async time<T>(phase: string, fn: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.ms[phase] = (this.ms[phase] ?? 0) + Math.round((performance.now() - start) * 10) / 10;
    }
  }
}
