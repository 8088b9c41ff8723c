import type { Rng } from '../util/random.js';

export interface MovieTitle {
  readonly id: number;
  /** Year of release, or null where the Prize file says NULL. */
  readonly year: number | null;
  readonly title: string;
}

/**
 * The cases that break a naive reader of the real movie_titles.csv, given to the first movies so every file has
 * them: commas inside a title (the file does not quote), double quotes, an unknown year, and letters outside
 * ASCII (the file is ISO-8859-1, not UTF-8).
 */
export const awkwardTitles: readonly Omit<MovieTitle, 'id'>[] = [
  { year: 2003, title: 'Dinosaur Planet' },
  { year: 1966, title: 'The Good, the Bad and the Ugly' },
  { year: null, title: 'Ancient Civilizations: Rome and Pompeii' },
  { year: 2001, title: 'Amélie' },
  { year: 1993, title: 'Dragon Ball Z: "Cell Games"' },
  { year: 1998, title: 'Les Misérables' },
  { year: 2000, title: 'Fiddler on the Roof, Special Edition: "Tradition", Vol. 1' },
  { year: null, title: 'Señorita Justice' },
  { year: 1997, title: "Das Boot: Director's Cut" },
  { year: 2004, title: "Björk: Live at Shepherd's Bush, Volume 2" },
  { year: 1985, title: '"Crocodile" Dundee' },
  { year: 2005, title: 'Pokémon: Destiny Deoxys' },
  { year: 1995, title: "Ça commence aujourd'hui" },
  { year: 2002, title: 'Æon Flux: The Complete Series' },
  { year: 1999, title: 'Fräulein Smilla, 1, 2, 3' },
];

const FIRST = ['The', 'A', 'Return of the', 'Night of the', 'Last', 'Secret', 'Little', 'Great', 'Dark', 'Lost'];
const NOUN = [
  'Planet',
  'River',
  'Detective',
  'Summer',
  'Stranger',
  'Empire',
  'Island',
  'Garden',
  'Rider',
  'Café',
  'Mañana',
  'Reunion',
];
const TAIL = [
  '',
  '',
  '',
  ': Season 1',
  ': Special Edition',
  ', Part II',
  ': The Movie',
  ' 2',
  ', Vol. 3',
  ': "Director\'s Cut"',
];

/** Titles for movies 1..n: the awkward ones first, then made-up ones that keep some commas, quotes and NULL years. */
export function syntheticMovieTitles(rng: Rng, n: number): MovieTitle[] {
  const out: MovieTitle[] = [];
  for (let id = 1; id <= n; id++) {
    const fixed = awkwardTitles[id - 1];
    if (fixed) {
      out.push({ id, ...fixed });
      continue;
    }
    const title = `${pick(rng, FIRST)} ${pick(rng, NOUN)}${pick(rng, TAIL)}`;
    // about one year in 250 is unknown, as in the real file
    const year = rng.int(250) === 0 ? null : 1915 + rng.int(91);
    out.push({ id, year, title });
  }
  return out;
}

function pick(rng: Rng, words: readonly string[]): string {
  return words[rng.int(words.length)];
}
