/** One argument as a POSIX shell word: bare when it is safe, else in single quotes. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_\-+=.,/:@%^]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line a reader can paste into a shell and get the same argv. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
