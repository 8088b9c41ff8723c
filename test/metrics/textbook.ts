/**
 * Dense, literal implementations of the textbook definitions, for checking the sparse ones on small data.
 * Written for clarity, not speed: every distance is sqrt(sum (x_j - y_j)^2) on dense rows.
 */
export function distance(x: number[], y: number[]): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += (x[j] - y[j]) ** 2;
  return Math.sqrt(s);
}

function clusterIds(labels: ArrayLike<number>): number[] {
  return [...new Set(Array.from(labels))].sort((a, b) => a - b);
}

function centroid(rows: number[][]): number[] {
  const out = new Array<number>(rows[0].length).fill(0);
  for (const r of rows) r.forEach((v, j) => (out[j] += v / rows.length));
  return out;
}

function members(rows: number[][], labels: ArrayLike<number>, c: number): number[][] {
  return rows.filter((_, i) => labels[i] === c);
}

export function textbookSilhouette(rows: number[][], labels: ArrayLike<number>): number {
  const ids = clusterIds(labels);
  const byCluster = new Map(ids.map((c) => [c, rows.map((_, j) => j).filter((j) => labels[j] === c)]));
  let total = 0;
  rows.forEach((x, i) => {
    const own = labels[i];
    const ownOthers = byCluster.get(own)!.filter((j) => j !== i);
    if (ownOthers.length === 0) return; // s = 0
    const meanDistance = (js: number[]) => js.reduce((s, j) => s + distance(x, rows[j]), 0) / js.length;
    const a = meanDistance(ownOthers);
    const b = Math.min(...ids.filter((c) => c !== own).map((c) => meanDistance(byCluster.get(c)!)));
    total += Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
  return total / rows.length;
}

export function textbookDaviesBouldin(rows: number[][], labels: ArrayLike<number>): number {
  const ids = clusterIds(labels);
  const cents = ids.map((c) => centroid(members(rows, labels, c)));
  const spread = ids.map((c, a) => {
    const ms = members(rows, labels, c);
    return ms.reduce((s, x) => s + distance(x, cents[a]), 0) / ms.length;
  });
  let total = 0;
  for (let a = 0; a < ids.length; a++) {
    let worst = 0;
    for (let b = 0; b < ids.length; b++) {
      if (b !== a) worst = Math.max(worst, (spread[a] + spread[b]) / distance(cents[a], cents[b]));
    }
    total += worst;
  }
  return total / ids.length;
}

export function textbookCalinskiHarabasz(rows: number[][], labels: ArrayLike<number>): number {
  const ids = clusterIds(labels);
  const mean = centroid(rows);
  let between = 0;
  let within = 0;
  for (const c of ids) {
    const ms = members(rows, labels, c);
    const cent = centroid(ms);
    between += ms.length * distance(cent, mean) ** 2;
    for (const x of ms) within += distance(x, cent) ** 2;
  }
  const n = rows.length;
  const K = ids.length;
  return between / (K - 1) / (within / (n - K));
}
