/** Exit codes from sysexits.h, as DESIGN.md fixes them. */
export const ExitCode = {
  ok: 0,
  usage: 2,
  dataErr: 65,
  noInput: 66,
  /** A bug, or a worker thread that died: `--debug` prints the stack. */
  internal: 70,
  ioErr: 74,
  /** 128 + SIGINT: interrupted from the keyboard. */
  interrupted: 130,
  /** 128 + SIGTERM: asked to stop. */
  terminated: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the user caused (bad option, bad file, unwritable output). The CLI prints `message` as one line and
 * exits with `exitCode`; anything else that escapes is a bug and keeps its stack trace under --debug.
 */
export class UserError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

export const usageError = (message: string) => new UserError(message, ExitCode.usage);
export const dataError = (message: string) => new UserError(message, ExitCode.dataErr);
export const noInputError = (message: string) => new UserError(message, ExitCode.noInput);
export const ioError = (message: string) => new UserError(message, ExitCode.ioErr);

export function assertUnreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}
