/** What `generate` is asked for, its defaults (the real df_p shape) and the id ranges of the Netflix Prize data. */

/** Movie ids in the Netflix Prize data run 1..17,770. */
export const MAX_MOVIE_ID = 17770;
/** Customer ids run 1..2,649,429 (480,189 of them are used). */
export const MAX_CUSTOMER_ID = 2649429;
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
  check(Number.isInteger(o.customers) && o.customers >= 1 && o.customers <= MAX_CUSTOMER_ID, `customers=${o.customers} must be a whole number in 1..${MAX_CUSTOMER_ID}`);
  check(Number.isInteger(o.movies) && o.movies >= 1 && o.movies <= MAX_MOVIE_ID, `movies=${o.movies} must be a whole number in 1..${MAX_MOVIE_ID}`);
  check(o.density > 0 && o.density <= 1, `density=${o.density} must be in (0, 1]`);
  check(Number.isSafeInteger(o.seed), `seed=${o.seed} must be a safe integer`);
  check(Number.isInteger(o.groups) && o.groups >= 1 && o.groups <= MAX_GROUPS, `groups=${o.groups} must be a whole number in 1..${MAX_GROUPS}`);
  check(Number.isInteger(rows) && rows >= 1 && rows <= o.customers, `rows=${rows} must be a whole number in 1..customers=${o.customers}`);
  return { ...o, rows };
}
