import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RatingsData } from '../matrix/csr.js';
import { messages } from '../messages.js';
import { noInputError } from '../util/errors.js';
import { isCsrFile, readCsrFile } from './csr/csr-file.js';
import { inspectInput } from './open-input.js';
import { parquetParts } from './parquet/parts.js';
import { readRatingsAny, type ReadAnyOptions } from './read-any.js';
import { STDIN_PATH, withStdinFile } from './stdin-input.js';

export type ReadRatingsOptions = ReadAnyOptions;

/**
 * The one reader every command calls: a binary CSR file from `convert` (recognised by its magic bytes, whatever
 * its name), or ratings in any text format (pivot CSV scanned on several threads, raw Netflix files, long CSV),
 * detected from the first line unless `format` says. A directory stands for the raw Netflix download: its
 * `combined_data_*.txt[.gz]` files are read together. `-` is standard input (any text format, or gzip). Parquet
 * long ratings: a file by its magic bytes, or a folder of part files.
 */
export async function readRatings(
  input: string | readonly string[],
  options: ReadRatingsOptions = {},
): Promise<RatingsData> {
  if (input === STDIN_PATH || (typeof input !== 'string' && input.length === 1 && input[0] === STDIN_PATH)) {
    const data = await withStdinFile((path) => readRatings(path, options));
    return { ...data, source: STDIN_PATH };
  }
  // Parquet (a file by its PAR1 magic, or a folder of part files) is long-format ratings, so --format long reads it too
  const parquet =
    typeof input === 'string' && (options.format === undefined || options.format === 'long')
      ? await parquetParts(input)
      : null;
  if (parquet !== null) {
    // loaded on demand: hyparquet and its codecs add a tenth of a second or two to every start-up
    const { readLongRatingsParquet } = await import('./parquet/read-long.js');
    return readLongRatingsParquet(parquet, options);
  }
  const paths = typeof input === 'string' ? await expandDirectory(input) : input;
  if (paths.length === 1 && options.format === undefined) {
    await inspectInput(paths[0]);
    if (await isCsrFile(paths[0])) {
      return readCsrFile(paths[0], { rows: options.rows, ratingRange: options.ratingRange });
    }
  }
  return readRatingsAny(paths, options);
}

/** `dir` -> its combined_data_N.txt files in N order; a file stays itself. */
export async function expandDirectory(path: string): Promise<readonly string[]> {
  const info = await stat(path).catch(() => null);
  if (info === null || !info.isDirectory()) return [path];
  const files = (await readdir(path))
    .map((name) => ({ name, n: /^combined_data_(\d+)\.txt(\.gz)?$/.exec(name)?.[1] }))
    .filter((f) => f.n !== undefined)
    .sort((a, b) => Number(a.n) - Number(b.n))
    .map((f) => join(path, f.name));
  if (files.length === 0) throw noInputError(messages.noNetflixFilesInDir(path));
  return files;
}
