import type { RatingsData } from '../matrix/csr.js';
import { readWideRatingsCsv, type WideReadOptions } from './wide-csv.js';

/**
 * The one door through which predict, recommend and evaluate read ratings. Today it is the df_p pivot CSV
 * (plain or gzip); another input format (the raw combined_data files, a long ratings.csv) plugs in here by
 * sniffing `path`, and every command that reads through this function gets it at once.
 */
export async function readRatingsInput(path: string, options: WideReadOptions = {}): Promise<RatingsData> {
  return readWideRatingsCsv(path, options);
}
