import { constants } from 'node:fs';
import { access, mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { CsrMatrix, RatingsData } from '../matrix/csr.js';
import { messages } from '../messages.js';
import { ioError } from '../util/errors.js';
import type { Log } from '../util/log.js';
import type { TopLevelSpec } from 'vega-lite';
import { clusterSpec, combinedSpec, heatmapTitle } from './heatmap-spec.js';
import { heatmapStyle, type HeatmapKind } from './heatmap-style.js';
import { selectClusters, type ClusterSelection, type SelectionOptions, type SkippedCluster } from './select.js';
import type { RatingRange } from '../matrix/rating-range.js';

export interface HeatmapOptions extends SelectionOptions {
  /** A writable directory, created when missing; files in it with the same names are replaced, no other is touched. */
  readonly outDir: string;
  /** Pixels per unit of the spec (2 draws a 14 px cell 28 px wide). */
  readonly scale: number;
  /** Movie id -> title for the x axis; movie ids otherwise. */
  readonly titles?: ReadonlyMap<number, string>;
  /** Also write each image's vega-lite spec beside it (`cluster-<id>.vl.json`, `clusters.vl.json`). */
  readonly spec: boolean;
  /** The ratings kind's colour domain; 1..5 by default. */
  readonly ratingRange?: RatingRange;
  /** Called as each image is laid out (the combined one first), for a progress line: images done of all. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DrawnHeatmap {
  readonly cluster: number;
  readonly size: number;
  readonly customersShown: number;
  readonly moviesShown: number;
  readonly title: string;
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

export interface HeatmapReport {
  readonly drawn: DrawnHeatmap[];
  readonly skipped: SkippedCluster[];
  /** The --min-cluster-size the skipped clusters fell short of. */
  readonly minClusterSize: number;
  /** clusters.png, or null when no cluster was large enough to draw. */
  readonly combinedPath: string | null;
  /** Every file this run wrote (PNGs and specs), in the order written. */
  readonly files: string[];
  /**
   * Files in the folder named like ours (cluster-<id>.png, .vl.json) that this run did not write: left from a run
   * with more clusters. They are not removed (they may be someone's), only named, so no one mistakes them for this run's.
   */
  readonly stale: string[];
}

let renderer: Promise<typeof import('./render.js')> | null = null;

/** vega, vega-lite and the canvas, loaded once (about 0.4 s of parsing and compiling). */
function loadRenderer(): Promise<typeof import('./render.js')> {
  renderer ??= import('./render.js');
  return renderer;
}

/**
 * Starts loading the renderer now, so that it is ready when drawHeatmaps needs it: a caller that will draw calls
 * this before reading the data or fitting, and the load overlaps that work instead of adding to the drawing time.
 */
export function preloadRenderer(): void {
  // a failure surfaces (and is handled) where drawHeatmaps awaits the same promise
  loadRenderer().catch(() => {});
}

/**
 * Creates the folder when missing (as `mkdir -p` does) and fails early, with exit 74 and one line, when the
 * heatmaps cannot be written there: before reading a gigabyte of CSV or fitting k-means, not after.
 */
export async function checkOutDir(dir: string): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    try {
      await mkdir(dir, { recursive: true });
      info = await stat(dir);
    } catch (err) {
      throw ioError(messages.outDirCannotCreate(dir, (err as NodeJS.ErrnoException).code ?? (err as Error).message));
    }
  }
  if (!info.isDirectory()) throw ioError(messages.outDirNotDirectory(dir));
  try {
    await access(dir, constants.W_OK);
  } catch (err) {
    throw ioError(messages.outDirNotWritable(dir, (err as NodeJS.ErrnoException).code ?? (err as Error).message));
  }
}

/**
 * Draws one heatmap per cluster that has at least `minClusterSize` customers (`cluster-<id>.png`) and all of them
 * stacked under one legend (`clusters.png`). `matrix` is the transformed matrix the clusters were fitted on: its
 * values are what the cells show. Every file is written whole or not at all (temp file + rename).
 */
export async function drawHeatmaps(
  data: RatingsData,
  matrix: CsrMatrix,
  kind: HeatmapKind,
  labels: Int32Array,
  k: number,
  options: HeatmapOptions,
  log: Log,
): Promise<HeatmapReport> {
  await checkOutDir(options.outDir);
  const { drawn: selections, skipped } = selectClusters(data, matrix, labels, k, options);
  for (const line of clusterLines(selections, skipped, options.minClusterSize)) log.info(line);
  if (selections.length === 0) {
    log.info(messages.heatmapNothingDrawn(k, options.minClusterSize));
    return { drawn: [], skipped, minClusterSize: options.minClusterSize, combinedPath: null, files: [], stale: [] };
  }
  const style = heatmapStyle(kind, selections, { ratingRange: options.ratingRange, titles: options.titles });

  // vega and the canvas load only when there is something to draw (or were preloaded by the caller)
  const { renderPng } = await loadRenderer();
  const writes: Promise<unknown>[] = [];
  const files: string[] = [];
  /** Lays out one image now; its PNG encodes in the background and is written when done. */
  const draw = async (spec: TopLevelSpec, name: string) => {
    const image = await renderPng(spec, options.scale);
    const path = join(options.outDir, `${name}.png`);
    files.push(path);
    writes.push(image.png.then((png) => writeFileAtomic(path, png)));
    if (options.spec) {
      const specPath = join(options.outDir, `${name}.vl.json`);
      files.push(specPath);
      writes.push(writeFileAtomic(specPath, `${JSON.stringify(spec, null, 1)}\n`));
    }
    return { path, width: image.width, height: image.height };
  };

  const drawn: DrawnHeatmap[] = [];
  let combinedPath: string | null;
  let settled: PromiseSettledResult<unknown>[];
  try {
    // the combined image is the largest to encode: start it first so that it encodes while the others are laid out
    const images = selections.length + 1;
    options.onProgress?.(0, images);
    const notes = skippedNotes(skipped, options.minClusterSize);
    combinedPath = (await draw(combinedSpec(selections, style, notes), 'clusters')).path;
    options.onProgress?.(1, images);
    for (const sel of selections) {
      const image = await draw(clusterSpec(sel, style), `cluster-${sel.cluster}`);
      options.onProgress?.(drawn.length + 2, images);
      drawn.push({
        cluster: sel.cluster,
        size: sel.size,
        customersShown: sel.customerIds.length,
        moviesShown: sel.movieIds.length,
        title: heatmapTitle(sel),
        ...image,
      });
    }
  } finally {
    // never leave a write running (or its failure unhandled) behind an error
    settled = await Promise.allSettled(writes);
  }
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  log.info(
    messages.heatmapsWritten(
      files.map((f) => basename(f)),
      options.outDir,
    ),
  );
  const stale = await staleFiles(options.outDir, files);
  if (stale.length > 0)
    log.info(
      messages.heatmapsStale(
        stale.map((f) => basename(f)),
        options.outDir,
      ),
    );
  return { drawn, skipped, minClusterSize: options.minClusterSize, combinedPath, files, stale };
}

/** The overview's line about the clusters not drawn (none when all were). */
export function skippedNotes(skipped: readonly SkippedCluster[], minClusterSize: number): string[] {
  const notDrawn = skipped.filter((s) => s.size > 0);
  if (notDrawn.length === 0) return [];
  return [messages.heatmapsNotDrawn(notDrawn, minClusterSize)];
}

const ourName = /^cluster-\d+\.(png|vl\.json)$/;

/** Files in `dir` named like a per-cluster heatmap or spec that are not among `written`. */
async function staleFiles(dir: string, written: readonly string[]): Promise<string[]> {
  const mine = new Set(written.map((f) => basename(f)));
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => ourName.test(n) && !mine.has(n));
  const num = (n: string) => Number(/\d+/.exec(n)![0]);
  return stale.sort((a, b) => num(a) - num(b) || a.localeCompare(b)).map((n) => join(dir, n));
}

/** One line per cluster, in cluster order: the title of each drawn one, why each non-empty skipped one is not drawn. */
function clusterLines(
  selections: readonly ClusterSelection[],
  skipped: readonly SkippedCluster[],
  minClusterSize: number,
): string[] {
  const lines = new Map<number, string>();
  for (const sel of selections) lines.set(sel.cluster, heatmapTitle(sel));
  // empty clusters are not worth a line each
  for (const s of skipped)
    if (s.size > 0) lines.set(s.cluster, messages.heatmapSkipped(s.cluster, s.size, minClusterSize));
  return [...lines.keys()].sort((a, b) => a - b).map((c) => lines.get(c)!);
}
