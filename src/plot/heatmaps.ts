import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { CsrMatrix, RatingsData } from '../matrix/csr.js';
import type { MatrixKind } from '../matrix/transform.js';
import { messages } from '../messages.js';
import { ioError } from '../util/errors.js';
import type { Log } from '../util/log.js';
import type { TopLevelSpec } from 'vega-lite';
import { clusterSpec, combinedSpec, heatmapStyle, heatmapTitle } from './heatmap-spec.js';
import { selectClusters, type ClusterSelection, type SelectionLimits, type SkippedCluster } from './select.js';
import type { RatingRange } from '../matrix/rating-range.js';

export interface HeatmapOptions extends SelectionLimits {
  /** An existing, writable directory; files in it with the same names are replaced. */
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
  /** clusters.png, or null when no cluster was large enough to draw. */
  readonly combinedPath: string | null;
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
 * Fails early, with exit 74 and one line, when the heatmaps cannot be written there: before reading a gigabyte of
 * CSV or fitting k-means, not after.
 */
export async function checkOutDir(dir: string): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw ioError(messages.outDirMissing(dir));
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
  kind: MatrixKind,
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
    return { drawn: [], skipped, combinedPath: null };
  }
  const style = heatmapStyle(kind, selections, { ratingRange: options.ratingRange, titles: options.titles });

  // vega and the canvas load only when there is something to draw (or were preloaded by the caller)
  const { renderPng } = await loadRenderer();
  const writes: Promise<unknown>[] = [];
  /** Lays out one image now; its PNG encodes in the background and is written when done. */
  const draw = async (spec: TopLevelSpec, name: string) => {
    const image = await renderPng(spec, options.scale);
    const path = join(options.outDir, `${name}.png`);
    writes.push(image.png.then((png) => writeFileAtomic(path, png)));
    if (options.spec) writes.push(writeFileAtomic(join(options.outDir, `${name}.vl.json`), `${JSON.stringify(spec, null, 1)}\n`));
    return { path, width: image.width, height: image.height };
  };

  const drawn: DrawnHeatmap[] = [];
  let combinedPath: string | null;
  let settled: PromiseSettledResult<unknown>[];
  try {
    // the combined image is the largest to encode: start it first so that it encodes while the others are laid out
    const images = selections.length + 1;
    options.onProgress?.(0, images);
    combinedPath = (await draw(combinedSpec(selections, style), 'clusters')).path;
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
  log.info(messages.heatmapsWritten(drawn.length, options.outDir));
  return { drawn, skipped, combinedPath };
}

/** One line per cluster, in cluster order: the title of each drawn one, why each non-empty skipped one is not drawn. */
function clusterLines(selections: readonly ClusterSelection[], skipped: readonly SkippedCluster[], minClusterSize: number): string[] {
  const lines = new Map<number, string>();
  for (const sel of selections) lines.set(sel.cluster, heatmapTitle(sel));
  // empty clusters are not worth a line each
  for (const s of skipped) if (s.size > 0) lines.set(s.cluster, messages.heatmapSkipped(s.cluster, s.size, minClusterSize));
  return [...lines.keys()].sort((a, b) => a - b).map((c) => lines.get(c)!);
}
