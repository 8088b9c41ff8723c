import { MAX_CUSTOMER_ID, MAX_MOVIE_ID } from './netflix-prize.js';

/** What `generate` is asked for and its defaults (the real df_p shape); the id bounds are the Prize's. */

/** More latent groups than this would make a k-means demo pointless and the model large. */
export const MAX_GROUPS = 64;

export interface GenerateOptions {
  /** Rows of the full generation (customers). */
  readonly customers: number;
  /** Columns (movies), 1..MAX_MOVIE_ID. */
  readonly movies: number;
  /** Expected fraction of cells rated, in (0, 1]. */
  readonly density: number;
  readonly seed: number;
  /** Latent taste groups, 1..MAX_GROUPS. */
  readonly groups: number;
  /**
   * Produce only the first `rows` customers of the `customers`-row generation: a byte-exact prefix of it, at the
   * cost of just those rows. Defaults to all of them.
   */
  readonly rows?: number;
}

/** The shape of the original notebook's df_p: 144,380 customers x 5,332 movies, 71,833,509 ratings. */
export const defaultGenerateOptions: GenerateOptions = {
  customers: 144380,
  movies: 5332,
  density: 0.0933,
  seed: 0,
  groups: 5,
};

/** Checks options given through the API (the CLI's parsers check the same bounds with friendlier messages). */
export function resolveGenerateOptions(partial: Partial<GenerateOptions> = {}): Required<GenerateOptions> {
  const o = { ...defaultGenerateOptions, ...partial };
  const rows = o.rows ?? o.customers;
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new RangeError(`generate: ${what}`);
  };
  const whole = (name: string, v: number, max: number) =>
    check(Number.isInteger(v) && v >= 1 && v <= max, `${name}=${v} must be a whole number in 1..${max}`);
  whole('customers', o.customers, MAX_CUSTOMER_ID);
  whole('movies', o.movies, MAX_MOVIE_ID);
  check(o.density > 0 && o.density <= 1, `density=${o.density} must be in (0, 1]`);
  check(Number.isSafeInteger(o.seed), `seed=${o.seed} must be a safe integer`);
  whole('groups', o.groups, MAX_GROUPS);
  whole('rows', rows, o.customers);
  return { ...o, rows };
}
