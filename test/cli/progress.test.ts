import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, Progress } from '../../src/cli/progress.js';
import { Log } from '../../src/util/log.js';

/** A stderr that records what is written; `isTTY` decides whether progress is drawn at all. */
function fakeStderr(isTTY: boolean): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

/** A clock the test moves by hand: no waiting, no dependence on the machine's speed. */
function manualClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

test('the line: done of total with a share, the elapsed time and an estimate from the rate so far', () => {
  const clock = manualClock();
  const p = new Progress(new Log({ stream: fakeStderr(true).stream }), 'reading df_p.csv', {
    total: 1000e6,
    unit: 'MB',
    scale: 1e6,
    now: clock.now,
  });
  clock.advance(2000);
  // 250 of 1000 MB in 2 s: 750 MB more at that rate is 6 s
  assert.equal(p.line(250e6), 'reading df_p.csv: 250 of 1000 MB (25%), 2.0 s, about 6.0 s left');
  assert.equal(
    p.line(250e6, '1,200 records'),
    'reading df_p.csv: 250 of 1000 MB (25%), 1,200 records, 2.0 s, about 6.0 s left',
  );
  // nothing done yet, or all done: no estimate
  assert.equal(p.line(0), 'reading df_p.csv: 0.0 of 1000 MB (0%), 2.0 s');
  // below 10 units, one decimal: 0.3 MB, not 0 MB
  assert.equal(p.line(3e5), 'reading df_p.csv: 0.3 of 1000 MB (0%), 2.0 s, about 1 h 51 min left');
  assert.equal(p.line(1000e6), 'reading df_p.csv: 1000 of 1000 MB (100%), 2.0 s');
});

test('without a total (k-means stops when it converges): the count and the elapsed time only', () => {
  const clock = manualClock();
  const p = new Progress(new Log({ stream: fakeStderr(true).stream }), 'k-means k=5', {
    unit: 'iterations',
    now: clock.now,
  });
  clock.advance(61_500);
  assert.equal(p.line(12, 'inertia 4.6e+6'), 'k-means k=5: 12 iterations, inertia 4.6e+6, 1 min 02 s');
  // a count beyond a stale total (a gzip's decompressed bytes against the file size) drops the total, not the line
  const q = new Progress(new Log({ stream: fakeStderr(true).stream }), 'reading x.gz', { total: 10, now: clock.now });
  assert.equal(q.line(25), 'reading x.gz: 25, 0.0 s');
});

test('drawn as one line redrawn in place on a terminal, and cleared when done; nothing at all when not a terminal', () => {
  const tty = fakeStderr(true);
  const clock = manualClock();
  const p = new Progress(new Log({ stream: tty.stream }), 'elbow', { total: 4, unit: 'values of k', now: clock.now });
  p.update(1, 'k=3');
  assert.deepEqual(tty.written, ['\r\x1b[2Kelbow: 1 of 4 values of k (25%), k=3, 0.0 s']);
  p.step('silhouette');
  assert.equal(tty.written[1], '\r\x1b[2Kelbow: silhouette, 0.0 s');
  p.done();
  assert.equal(tty.written.at(-1), '\r\x1b[2K');

  const pipe = fakeStderr(false);
  const q = new Progress(new Log({ stream: pipe.stream }), 'elbow', { total: 4, now: clock.now });
  q.update(1);
  q.step('x');
  q.done();
  assert.deepEqual(pipe.written, []);
  // --quiet: not even on a terminal
  const quiet = fakeStderr(true);
  new Progress(new Log({ stream: quiet.stream, quiet: true }), 'elbow', { total: 4 }).update(1);
  assert.deepEqual(quiet.written, []);
});

test('durations read as seconds, then minutes and seconds', () => {
  assert.equal(formatDuration(0), '0.0 s');
  assert.equal(formatDuration(59_940), '59.9 s');
  assert.equal(formatDuration(125_000), '2 min 05 s');
  assert.equal(formatDuration(6_664_000), '1 h 51 min');
});
