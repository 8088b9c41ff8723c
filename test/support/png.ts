import { createCanvas, loadImage } from 'canvas';

/** A decoded PNG: RGBA bytes, row by row. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export async function decodePng(png: Buffer): Promise<Pixels> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const { data } = ctx.getImageData(0, 0, img.width, img.height);
  return { width: img.width, height: img.height, data };
}

/** The pixel at (x, y) as `#rrggbb` (alpha dropped: the images are opaque). */
export function hexAt(p: Pixels, x: number, y: number): string {
  const i = (y * p.width + x) * 4;
  return `#${[p.data[i], p.data[i + 1], p.data[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Largest per-channel difference between a pixel and a colour. */
export function colorDistance(p: Pixels, x: number, y: number, hex: string): number {
  const i = (y * p.width + x) * 4;
  const [r, g, b] = hexToRgb(hex);
  return Math.max(Math.abs(p.data[i] - r), Math.abs(p.data[i + 1] - g), Math.abs(p.data[i + 2] - b));
}

/** Pixels in the rectangle that are not (near) white: ink, such as text. */
export function inkPixels(p: Pixels, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < Math.min(y1, p.height); y++) {
    for (let x = x0; x < Math.min(x1, p.width); x++) {
      const i = (y * p.width + x) * 4;
      if (p.data[i] < 160 && p.data[i + 1] < 160 && p.data[i + 2] < 160) n++;
    }
  }
  return n;
}

/**
 * Compares two images pixel by pixel: same size, and the share of pixels whose channels differ by more than
 * `channelTolerance` at most `maxShare`. Anti-aliased text edges may move a little between canvas builds; the cells,
 * axes and legend may not.
 */
export function compareImages(
  actual: Pixels,
  expected: Pixels,
  channelTolerance = 24,
  maxShare = 0.005,
): { ok: boolean; differing: number; share: number; detail: string } {
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return {
      ok: false,
      differing: -1,
      share: 1,
      detail: `size ${actual.width}x${actual.height}, expected ${expected.width}x${expected.height}`,
    };
  }
  let differing = 0;
  const a = actual.data;
  const e = expected.data;
  for (let i = 0; i < a.length; i += 4) {
    if (
      Math.abs(a[i] - e[i]) > channelTolerance ||
      Math.abs(a[i + 1] - e[i + 1]) > channelTolerance ||
      Math.abs(a[i + 2] - e[i + 2]) > channelTolerance ||
      Math.abs(a[i + 3] - e[i + 3]) > channelTolerance
    ) {
      differing++;
    }
  }
  const share = differing / (actual.width * actual.height);
  return {
    ok: share <= maxShare,
    differing,
    share,
    detail: `${differing} pixels (${(share * 100).toFixed(3)}%) differ`,
  };
}
