import type { Log } from '../util/log.js';
import { int } from '../util/format.js';

/** A clock in milliseconds; tests pass their own. */
export type Clock = () => number;

/** `12.3 s`, `2 min 05 s`, `1 h 51 min`: short enough for one status line. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
  const minutes = Math.round(whole / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * One long step's status line on stderr (`reading df_p.csv: 412 MB of 986 MB (42%), 3.1 s, about 4.3 s left`),
 * redrawn in place, only when stderr is a terminal (Log decides, and rate-limits the redraws). The estimate is
 * shown once something is done, a second has passed and the total is known; without a total the line shows what is done and the
 * elapsed time. Every long phase goes through this class, so they all read alike:
 *
 *   const p = new Progress(log, `reading ${file}`, { total: size, unit: 'MB', scale: 1e6 });
 *   onProgress: (bytes) => p.update(bytes)
 *   ...
 *   p.done();
 */
export class Progress {
  private readonly start: number;
  private total: number | undefined;

  constructor(
    private readonly log: Log,
    private readonly what: string,
    private readonly opts: { total?: number; unit?: string; scale?: number; now?: Clock } = {},
  ) {
    this.start = this.now();
    this.total = opts.total;
  }

  private now(): number {
    return (this.opts.now ?? performance.now.bind(performance))();
  }

  /** The line for `done` units (and an optional detail such as `inertia 4.6e6`), without drawing it. */
  line(done: number, detail?: string): string {
    const elapsed = this.now() - this.start;
    const scale = this.opts.scale ?? 1;
    const unit = this.opts.unit ? ` ${this.opts.unit}` : '';
    const amount = (n: number) => (scale === 1 ? int(n) : (n / scale).toFixed(n / scale < 10 ? 1 : 0));
    const total = this.total;
    const known = total !== undefined && total > 0 && done <= total;
    let text = `${this.what}: ${amount(done)}${known ? ` of ${amount(total)}` : ''}${unit}`;
    if (known) text += ` (${((100 * done) / total).toFixed(0)}%)`;
    if (detail) text += `, ${detail}`;
    text += `, ${formatDuration(elapsed)}`;
    // an estimate from less than a second of work is noise
    if (known && done > 0 && done < total && elapsed >= 1000)
      text += `, about ${formatDuration((elapsed * (total - done)) / done)} left`;
    return text;
  }

  /** Redraws the line; `total` updates the total first (for callers that learn it as they go). */
  update(done: number, detail?: string, total?: number): void {
    if (total !== undefined) this.total = total;
    if (!this.log.showsProgress) return;
    this.log.progress(this.line(done, detail));
  }

  /**
   * A step without a count (`evaluate: fitting k=5`), drawn at once when `force` (steps that are few and each
   * matter), else rate-limited like update.
   */
  step(detail: string, force = true): void {
    if (!this.log.showsProgress) return;
    this.log.progress(`${this.what}: ${detail}, ${formatDuration(this.now() - this.start)}`, force);
  }

  /** The total, once it is known (or when it changes). */
  setTotal(total: number | undefined): void {
    this.total = total;
  }

  /** Clears the line: the next output starts on a clean line. */
  done(): void {
    this.log.clearProgress();
  }
}
