import { createRequire } from 'node:module';
import { GlobalFonts } from 'canvas';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

// Minimal renderer for the elbow plot; to be unified with src/plot/render.ts (plot branch) when merging.

/** The bundled font every chart uses, so a PNG looks the same on any machine, fonts installed or not. */
export const PLOT_FONT = 'DejaVu Sans';

let fontsRegistered = false;

function registerFonts(): void {
  if (fontsRegistered) return;
  const require = createRequire(import.meta.url);
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    GlobalFonts.registerFromPath(require.resolve(`dejavu-fonts-ttf/ttf/${file}`), PLOT_FONT);
  }
  fontsRegistered = true;
}

/** Compiles a vega-lite spec and renders it headless to PNG bytes, `scale` device pixels per CSS pixel. */
export async function renderSpecToPng(vlSpec: TopLevelSpec, scale = 2): Promise<Buffer> {
  registerFonts();
  const spec = { ...vlSpec, config: { font: PLOT_FONT, ...vlSpec.config } } as TopLevelSpec;
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    const canvas = (await view.toCanvas(scale)) as unknown as { encode(format: 'png'): Promise<Buffer> };
    return await canvas.encode('png');
  } finally {
    view.finalize();
  }
}
