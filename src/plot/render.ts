/**
 * The one module that loads vega and the canvas. Other modules build specs (pure data); this one turns a spec
 * into PNG bytes. It is imported lazily (see heatmaps.ts), so commands that draw nothing never pay for loading it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts, type Canvas } from 'canvas';
import * as vega from 'vega';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { messages } from '../messages.js';
import { usageError } from '../util/errors.js';

/**
 * The most pixels one image may have: 400 MB of RGBA. The canvas itself refuses somewhat above 500 M pixels with
 * a bare "The canvas has no pixels"; far below that, an image nobody can open is not worth the memory.
 */
export const maxImagePixels = 100_000_000;

/** The bundled font every chart uses unless its spec names another, so a PNG looks the same on any machine. */
export const PLOT_FONT = 'DejaVu Sans';

/** The DejaVu faces the specs use: regular for labels, bold for titles. */
const bundledFaces = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let fontsRegistered = false;

/**
 * Registers the DejaVu fonts shipped in the `dejavu-fonts-ttf` package with the canvas, once. A machine with no
 * fonts installed (a container, CI) would otherwise draw every label as nothing or as boxes.
 */
export function registerBundledFonts(): void {
  if (fontsRegistered) return;
  const require = createRequire(import.meta.url);
  // the package has no entry point; its package.json locates the ttf folder
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  for (const face of bundledFaces) {
    const path = join(dir, face);
    if (GlobalFonts.registerFromPath(path) === null) throw new Error(`cannot load the bundled font ${path}`);
  }
  fontsRegistered = true;
}

/**
 * vega finds its canvas through vega-canvas, which imports the package named `canvas` (here the @napi-rs/canvas
 * alias). Without it vega would still "render", but text would be measured by a rough estimate and toCanvas would
 * fail; that is a broken install, so say so plainly.
 */
function assertVegaHasCanvas(): void {
  // vega exports textMetrics at run time; its typings do not declare it
  const { textMetrics } = vega as unknown as { textMetrics: { width: unknown; estimateWidth: unknown } };
  if (textMetrics.width === textMetrics.estimateWidth) {
    throw new Error(
      "vega found no canvas: the 'canvas' package (alias of @napi-rs/canvas) is not installed where vega-canvas can import it",
    );
  }
}

export interface RenderedImage {
  /**
   * The PNG bytes, still being encoded when renderPng returns: encoding runs on libuv's thread pool, so the
   * caller can lay out the next image meanwhile and await all of them at the end.
   */
  readonly png: Promise<Buffer>;
  /** Pixel size of the PNG (the spec's size times the scale). */
  readonly width: number;
  readonly height: number;
  /**
   * The PNG pixel at the centre of the cell (x value, y value) of a single-view spec, or null when the spec has no
   * `x`/`y` band scales (a concatenation) or the value is not on the axis. Tests use it to read cell colours.
   */
  cellCenter(x: string, y: string): { x: number; y: number } | null;
}

/** Compiles a vega-lite spec, renders it headless at `scale` pixels per unit and starts encoding a PNG. */
export async function renderPng(spec: TopLevelSpec, scale: number): Promise<RenderedImage> {
  registerBundledFonts();
  assertVegaHasCanvas();
  const withFont = { ...spec, config: { font: PLOT_FONT, ...spec.config } } as TopLevelSpec;
  const view = new View(parse(compile(withFont).spec), { renderer: 'none' });
  try {
    await view.runAsync();
    // the laid-out scene's bounds plus padding is the canvas size (autosize "pad"); check it before allocating
    // (the typings call the scenegraph a Scene; at run time it holds the root group)
    const { bounds } = (view.scenegraph() as unknown as { root: { bounds: { width(): number; height(): number } } })
      .root;
    const pad = view.padding() as { left: number; right: number; top: number; bottom: number };
    const width = Math.ceil((bounds.width() + pad.left + pad.right) * scale);
    const height = Math.ceil((bounds.height() + pad.top + pad.bottom) * scale);
    if (width * height > maxImagePixels) throw usageError(messages.imageTooLarge(width, height, maxImagePixels));
    const canvas = (await view.toCanvas(scale)) as unknown as Canvas;
    const png = canvas.encode('png');
    // a rejection is the caller's to handle when it awaits; until then it must not count as unhandled
    png.catch(() => {});
    // the plot's top-left corner in the image: the padding plus the room the axes and title took
    const origin = view.origin();
    const xs = findScale(view, 'x');
    const ys = findScale(view, 'y');
    const cellCenter = (x: string, y: string) => {
      if (!xs || !ys) return null;
      const px = xs(x);
      const py = ys(y);
      if (px === undefined || py === undefined) return null;
      return {
        x: Math.floor((pad.left + origin[0] + px + xs.bandwidth() / 2) * scale),
        y: Math.floor((pad.top + origin[1] + py + ys.bandwidth() / 2) * scale),
      };
    };
    return { png, width: canvas.width, height: canvas.height, cellCenter };
  } finally {
    view.finalize();
  }
}

type BandScale = ((v: string) => number | undefined) & { bandwidth(): number };

function findScale(view: View, name: string): BandScale | null {
  try {
    const s = view.scale(name) as BandScale | undefined;
    return s && typeof s.bandwidth === 'function' ? s : null;
  } catch {
    return null;
  }
}

/** Renders a spec and waits for the whole PNG: for single images such as the elbow plot. */
export async function renderSpecToPng(spec: TopLevelSpec, scale: number): Promise<Buffer> {
  return (await renderPng(spec, scale)).png;
}
