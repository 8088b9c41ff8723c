import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fitBaseline, residualMatrix } from '../../src/matrix/baseline.js';
import { transformMatrix } from '../../src/matrix/transform.js';
import { clusterSpec, combinedSpec } from '../../src/plot/heatmap-spec.js';
import {
  heatmapStyle,
  notRatedColor,
  notRatedColorCentered,
  ratedColor,
  type HeatmapKind,
} from '../../src/plot/heatmap-style.js';
import { renderPng } from '../../src/plot/render.js';
import { selectClusters, type SelectMode } from '../../src/plot/select.js';
import { ExitCode, UserError } from '../../src/util/errors.js';
import type { TopLevelSpec } from 'vega-lite';
import { fixtureData } from '../support/data.js';
import { fixture, repoRoot } from '../helpers.js';
import { colorDistance, compareImages, decodePng, hexAt, hexToRgb, inkPixels } from '../support/png.js';

const limits = { maxUsers: 5, maxMovies: 4, minClusterSize: 4 };
const titles = new Map([
  [1, 'Dinosaur Planet'],
  [3, 'Character'],
  [8, 'What the #$*! Do We Know!?'],
  [17, '7 Seconds'],
]);

function specsFor(kind: HeatmapKind, withTitles = false, mode: SelectMode = 'densest') {
  const { data, labels, k } = fixtureData();
  // the residual matrix: ratings minus the baseline mu + b_u + b_i
  const matrix =
    kind === 'residual' ? residualMatrix(data.matrix, fitBaseline(data.matrix)) : transformMatrix(data.matrix, kind);
  const sels = selectClusters(data, matrix, labels, k, { ...limits, mode }).drawn;
  const style = heatmapStyle(kind, sels, withTitles ? { titles } : {});
  return { sels, style, cluster0: clusterSpec(sels[0], style), combined: combinedSpec(sels, style) };
}

/** vega's viridis scheme at its top end. */
const viridisTop = '#fde725';

describe('renderPng', () => {
  it("runs on the canvas vega found through the `canvas` alias (not vega's text-width estimate)", async () => {
    const vega = (await import('vega')) as unknown as { textMetrics: { width: unknown; estimateWidth: unknown } };
    assert.notEqual(vega.textMetrics.width, vega.textMetrics.estimateWidth);
  });

  it('draws the cells in their colours at the size it reports', async () => {
    const { cluster0 } = specsFor('ratings');
    const image = await renderPng(cluster0, 2);
    const pixels = await decodePng(await image.png);
    assert.equal(pixels.width, image.width);
    assert.equal(pixels.height, image.height);

    // customer 10 gave movie 1 five stars; customer 6 did not rate movie 8
    const fiveStars = image.cellCenter('1', '10')!;
    const notRated = image.cellCenter('8', '6')!;
    assert.ok(
      colorDistance(pixels, fiveStars.x, fiveStars.y, viridisTop) <= 6,
      `5 stars drawn ${hexAt(pixels, fiveStars.x, fiveStars.y)}`,
    );
    assert.ok(
      colorDistance(pixels, notRated.x, notRated.y, notRatedColor) <= 2,
      `not rated drawn ${hexAt(pixels, notRated.x, notRated.y)}`,
    );
    // customer 97's 3 stars for movie 1 sits mid-scale: neither end, nor grey
    const three = image.cellCenter('1', '97')!;
    assert.ok(colorDistance(pixels, three.x, three.y, viridisTop) > 100);
    assert.ok(colorDistance(pixels, three.x, three.y, notRatedColor) > 60);
  });

  it('scales the pixel size with --scale', async () => {
    const { cluster0 } = specsFor('ratings');
    const one = await renderPng(cluster0, 1);
    const two = await renderPng(cluster0, 2);
    assert.ok(Math.abs(two.width - 2 * one.width) <= 2 && Math.abs(two.height - 2 * one.height) <= 2);
  });

  it('draws binary and centred cells in their own colours', async () => {
    const bin = await renderPng(specsFor('binary').cluster0, 1);
    const binPixels = await decodePng(await bin.png);
    const rated = bin.cellCenter('1', '10')!;
    assert.ok(colorDistance(binPixels, rated.x, rated.y, ratedColor) <= 2);

    const cen = await renderPng(specsFor('centered').cluster0, 1);
    const cenPixels = await decodePng(await cen.png);
    // customer 6: 5 stars against a mean of 3, the top of the diverging scale
    // (with domainMid, vega samples the scheme at three points: the end is a dark blue, not exactly the scheme's)
    const plus2 = cen.cellCenter('1', '6')!;
    const [r, , b] = hexToRgb(hexAt(cenPixels, plus2.x, plus2.y));
    assert.ok(b - r > 80 && b < 180, `+2 drawn ${hexAt(cenPixels, plus2.x, plus2.y)}, not a dark blue`);
    // customer 6's 3 for movie 17 is exactly their mean: the light middle, still unlike "not rated"
    const zero = cen.cellCenter('17', '6')!;
    assert.ok(
      colorDistance(cenPixels, zero.x, zero.y, notRatedColorCentered) > 60,
      `0 drawn ${hexAt(cenPixels, zero.x, zero.y)}`,
    );
    const gap = cen.cellCenter('8', '6')!;
    assert.ok(colorDistance(cenPixels, gap.x, gap.y, notRatedColorCentered) <= 2);
  });

  it('refuses, before allocating, an image above the pixel limit (exit 2)', async () => {
    const spec = { width: 20000, height: 6000, data: { values: [{}] }, mark: 'rect' } as unknown as TopLevelSpec;
    await assert.rejects(
      renderPng(spec, 1),
      (err: unknown) =>
        err instanceof UserError &&
        err.exitCode === ExitCode.usage &&
        /^a heatmap would be 200\d\d x 60\d\d pixels/.test(err.message),
    );
  });

  it('renders text with only the bundled fonts loaded', () => {
    // a fresh process in which @napi-rs/canvas skips the system fonts: only what render.ts registers exists
    const script = `
      const { renderPng } = await import(${JSON.stringify(`${repoRoot}/dist/src/plot/render.js`)});
      const { GlobalFonts } = await import('canvas');
      const spec = { config: { font: 'DejaVu Sans' }, title: 'Cluster 3 - 208 customers (70 shown) x 50 movies',
        width: 300, height: 10, data: { values: [{}] }, mark: 'rect' };
      const image = await renderPng(spec, 1);
      const png = await image.png;
      process.stdout.write(JSON.stringify({ families: GlobalFonts.families.map((f) => f.family), png: png.toString('base64') }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: { ...process.env, DISABLE_SYSTEM_FONTS_LOAD: '1' },
      encoding: 'utf8',
    });
    const { families, png } = JSON.parse(out) as { families: string[]; png: string };
    assert.deepEqual([...new Set(families)], ['DejaVu Sans']);
    return decodePng(Buffer.from(png, 'base64')).then((pixels) => {
      // the title line: dark glyph pixels, not a blank band
      assert.ok(inkPixels(pixels, 0, 0, pixels.width, 22) > 300, 'the title area is blank');
    });
  });
});

describe('golden images', () => {
  // UPDATE_GOLDEN=1 npm test rewrites them; look at the new files before committing them
  const update = process.env.UPDATE_GOLDEN === '1';
  const cases: { name: string; spec: () => ReturnType<typeof specsFor>['cluster0'] }[] = [
    { name: 'ratings-cluster-0', spec: () => specsFor('ratings').cluster0 },
    { name: 'ratings-titles-cluster-0', spec: () => specsFor('ratings', true).cluster0 },
    { name: 'binary-cluster-0', spec: () => specsFor('binary').cluster0 },
    { name: 'centered-cluster-0', spec: () => specsFor('centered').cluster0 },
    { name: 'ratings-combined', spec: () => specsFor('ratings').combined },
    { name: 'residual-cluster-0', spec: () => specsFor('residual').cluster0 },
    { name: 'ratings-sample-cluster-0', spec: () => specsFor('ratings', false, 'sample').cluster0 },
  ];
  for (const { name, spec } of cases) {
    it(`${name}.png matches`, async () => {
      const path = fixture(`golden/${name}.png`);
      const png = await (await renderPng(spec(), 1)).png;
      if (update) {
        writeFileSync(path, png);
        return;
      }
      assert.ok(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npm test`);
      const result = compareImages(await decodePng(png), await decodePng(readFileSync(path)));
      assert.ok(result.ok, `${name}: ${result.detail}`);
    });
  }
});
