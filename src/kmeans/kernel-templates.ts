/**
 * The pieces of source the generated k-means kernels are made of (kernel-codegen.ts, kernel-centre-bounds.ts,
 * exact-sums.ts): the loop over one row's entries and the dot products of a row with a few centres.
 */

export const range = (k: number) => Array.from({ length: k }, (_, c) => c);

/** The row's entries [start, end) (as loop counters). */
export const rowSource = (int32: boolean) => `
    const start = rowPtr[i]${int32 ? ' | 0' : ''};
    const end = rowPtr[i + 1]${int32 ? ' | 0' : ''};`;

/**
 * The loop that leaves the dot product of row i with centre `offset + j` of `w` in `(a<j> + b<j>)`, for j in
 * [0, size): a<j> sums the even entries of the row and b<j> the odd ones. `offset` is an expression (a group's
 * first centre, or one centre chosen at run time). With `offsets` (one expression per j, centres chosen at run
 * time) centre j is `offsets[j]` instead, and `offset` is added to none of them.
 */
export function dotSource(
  k: number,
  size: number,
  offset: string,
  binary: boolean,
  w: string,
  tag: string,
  offsets: readonly string[] | null = null,
): string {
  const js = range(size);
  const slot = (j: number) => (offsets !== null ? ` + ${offsets[j]}` : j === 0 ? '' : ` + ${j}`);
  const at = (col: string, j: number) => `${w}[${col}${slot(j)}]`;
  const term = (col: string, v: string, j: number) => (binary ? at(col, j) : `${v} * ${at(col, j)}`);
  const sums = js.map((j) => `a${tag}${j} = 0, b${tag}${j} = 0`).join(', ');
  const even = js.map((j) => `a${tag}${j} += ${term('ca', 'va', j)};`).join(' ');
  const odd = js.map((j) => `b${tag}${j} += ${term('cb', 'vb', j)};`).join(' ');
  const first = offsets !== null ? '' : ` + ${offset}`;
  const load = (name: string, v: string, p: string) =>
    `const ${name} = colIdx[${p}] * ${k}${first};${binary ? '' : ` const ${v} = values[${p}];`}`;
  return `
    let ${sums};
    let p = start;
    for (; p + 1 < end; p += 2) {
      ${load('ca', 'va', 'p')} ${load('cb', 'vb', 'p + 1')}
      ${even}
      ${odd}
    }
    if (p < end) {
      ${load('ca', 'va', 'p')}
      ${even}
    }`;
}
