import { messages } from '../messages.js';
import { writeFailure } from './write-failure.js';

/**
 * Every byte of data the tool prints goes through here, so that a failed stdout is never silent: `fit > /dev/full`
 * exits 74 with `stdout: cannot write: no space left on device`. A closed pipe (`fit | head`) is the reader's
 * choice, not a failure: the rest of the data is dropped quietly, the run finishes (its summary still on stderr)
 * and exits 0.
 */
let failure: NodeJS.ErrnoException | null = null;
let pipeClosed = false;
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') pipeClosed = true;
    else failure ??= err;
  });
}

function check(): void {
  if (failure) throw writeFailure(messages.stdoutLabel(), failure);
}

/**
 * Thrown by writers that would go on producing for a reader that has gone (`generate | head`): the command stops
 * and exits 0, as a closed pipe is not a failure.
 */
export class StdoutClosed extends Error {
  constructor() {
    super('stdout was closed by its reader');
    this.name = 'StdoutClosed';
  }
}

/** True once the reader of stdout has gone away: writers of long outputs may stop producing them. */
export function stdoutClosed(): boolean {
  return pipeClosed;
}

/** Writes `chunk` to stdout, waits for it to be taken when the stream is full, and throws exit 74 on a failure. */
export async function writeStdout(chunk: string | Uint8Array): Promise<void> {
  listen();
  check();
  if (pipeClosed) return;
  // waiting for each chunk's callback is what makes its error ours; the chunks are large, the waits few
  const flushed = new Promise<void>((resolve) => {
    process.stdout.write(chunk, (err) => {
      const code = (err as NodeJS.ErrnoException | null | undefined)?.code;
      if (code === 'EPIPE') pipeClosed = true;
      else if (err) failure ??= err as NodeJS.ErrnoException;
      resolve();
    });
  });
  await flushed;
  check();
}

/** Waits until everything written has left the process, then reports a failure; the CLI calls it before exiting. */
export async function flushStdout(): Promise<void> {
  listen();
  if (!pipeClosed && !failure && process.stdout.writable) {
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  }
  check();
}
