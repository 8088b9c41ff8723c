import { Log } from '../../src/util/log.js';

/** A Log that collects its lines instead of writing to stderr. */
export function captureLog(): { log: Log; lines: string[] } {
  const lines: string[] = [];
  let buffer = '';
  const stream = {
    isTTY: false,
    write(chunk: string) {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  return { log: new Log({ stream }), lines };
}
