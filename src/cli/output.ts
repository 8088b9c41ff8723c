import { checkOutputDir, checkOutputPath, writeFileAtomic } from '../io/atomic-write.js';
import { writeStdout } from '../io/stdout.js';

/** `--out` absent or `-`: the data goes to stdout. */
export const toStdout = (out: string | undefined): boolean => out === undefined || out === '-';

/**
 * Checks every output a command was asked for before it reads or fits anything: a missing folder, a folder
 * given as a file name, or a folder that refuses new files (permission, read-only) fails now with exit 74, not
 * after minutes of work. Folders in `dirs` are made when missing. stdout (`-`) and absent outputs are skipped.
 */
export async function checkOutputs(
  files: ReadonlyArray<string | undefined>,
  dirs: ReadonlyArray<string | undefined> = [],
): Promise<void> {
  for (const f of files) if (!toStdout(f)) await checkOutputPath(f!);
  for (const d of dirs) if (d !== undefined) await checkOutputDir(d);
}

/** A command's result (a table, a JSON object): to `--out` when given, written whole or not at all, else stdout. */
export async function writeResult(out: string | undefined, text: string): Promise<void> {
  if (toStdout(out)) await writeStdout(text);
  else await writeFileAtomic(out!, text);
}
