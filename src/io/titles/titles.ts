import { readMovieCatalog } from './movie-catalog.js';

/** The titles alone, of any titles file readMovieCatalog reads. */
export async function readMovieTitles(path: string): Promise<Map<number, string>> {
  return (await readMovieCatalog(path)).titles;
}
