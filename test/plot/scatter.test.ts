import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { messages } from '../../src/messages.js';
import { clusterColor } from '../../src/plot/cluster-colors.js';
import { drawScatter, genreCoordinates, specPathFor } from '../../src/plot/scatter.js';
import { tempDir } from '../helpers.js';
import { captureLog } from '../support/log.js';
import { decodePng, hexToRgb, type Pixels } from '../support/png.js';
import { catalog, genreRatings } from '../support/genres.js';

const tmp = tempDir();
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Pixels within a few levels of the colour as drawn (opacity 0.75 over white): a dot's core or its legend symbol. */
function pixelsOf(p: Pixels, hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((v) => Math.round(0.75 * v + 0.25 * 255));
  let n = 0;
  for (let i = 0; i < p.data.length; i += 4) {
    if (Math.abs(p.data[i] - r) <= 4 && Math.abs(p.data[i + 1] - g) <= 4 && Math.abs(p.data[i + 2] - b) <= 4) n++;
  }
  return n;
}

describe('drawScatter', () => {
  const labels = Int32Array.from([0, 1, 0, 1, 1]);
  const coords = genreCoordinates(genreRatings, catalog, 'Sci-Fi', 'Romance', { min: 1, max: 5 });

  it('states who was left out and why', () => {
    assert.deepEqual(coords.leftOut, [
      'left out: 2 customers with no rating in one of the genres (1 rated no Sci-Fi movie, 2 no Romance movie)',
    ]);
    assert.equal(coords.title, 'Average Sci-Fi rating vs average Romance rating, by cluster');
    assert.deepEqual(coords.xDomain, [1, 5]);
  });

  it("draws one dot per customer with both averages, in its cluster's colour, and writes the spec beside it", async () => {
    const out = join(tmp, 'genres.png');
    const { log, lines } = captureLog();
    const report = await drawScatter(
      genreRatings,
      labels,
      2,
      coords,
      { out, spec: true, maxPoints: 100, seed: 0, scale: 1, clustersFrom: 'test' },
      log,
    );
    assert.deepEqual([report.customers, report.withCoordinates, report.drawn], [5, 3, 3]);
    assert.equal(report.specPath, join(tmp, 'genres.vl.json'));
    assert.equal(specPathFor('a/b.PNG'), 'a/b.vl.json');
    const spec = JSON.parse(readFileSync(report.specPath!, 'utf8'));
    assert.deepEqual(spec.data.values, [
      { c: 1, x: 4, y: 2, k: '0' },
      { c: 2, x: 4, y: 3, k: '1' },
      { c: 5, x: 5, y: 3, k: '1' },
    ]);
    assert.deepEqual(spec.encoding.color.scale.range, [clusterColor(0), clusterColor(1)]);
    assert.match(spec.encoding.color.legend.labelExpr, /"0 \(1\)".*"1 \(2\)"/);
    assert.deepEqual(spec.title.subtitle, ['all 3 of 5 customers drawn', coords.leftOut[0], 'clusters: test']);
    assert.deepEqual(lines, [coords.leftOut[0], messages.scatterWritten(out, 3, 3, 5)]);
    const png = await decodePng(readFileSync(out));
    assert.deepEqual([png.width, png.height], [report.width, report.height]);
    // two dots and a legend symbol in cluster 1's colour, one dot and a symbol in cluster 0's: more of 1's
    const c0 = pixelsOf(png, clusterColor(0));
    const c1 = pixelsOf(png, clusterColor(1));
    assert.ok(c0 > 0 && c1 > c0, `cluster 0: ${c0} px, cluster 1: ${c1} px`);
  });

  it('draws at most --max-points, a seeded sample, and says so', async () => {
    const out = join(tmp, 'sampled.png');
    const { log, lines } = captureLog();
    const report = await drawScatter(
      genreRatings,
      labels,
      2,
      coords,
      { out, spec: true, maxPoints: 2, seed: 4, scale: 1, clustersFrom: 'test' },
      log,
    );
    assert.equal(report.drawn, 2);
    const spec = JSON.parse(readFileSync(join(tmp, 'sampled.vl.json'), 'utf8'));
    assert.equal(spec.data.values.length, 2);
    assert.equal(spec.title.subtitle[0], '2 of the 3 customers drawn: a seeded sample (seed 4, --max-points 2)');
    assert.equal(lines.at(-1), messages.scatterWritten(out, 2, 3, 5));
  });
});
