import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readRatings } from '../../src/io/read-ratings.js';
import type { CsrMatrix } from '../../src/matrix/csr.js';
import { messages } from '../../src/messages.js';
import { pivotCsv, plantedMatrix, runCli, tempDir } from '../helpers.js';
import {
  closeDuck,
  duckCodecs,
  duckColumnTypes,
  duckRepetition,
  duckRows,
  duckRun,
  sqlString,
} from '../support/duckdb.js';

const dir = tempDir();
const matrix: CsrMatrix = plantedMatrix(300, 50, 0.2, 3, 1);
const pivot = join(dir, 'planted.csv');
const longCsv = join(dir, 'planted-long.csv');
const model = join(dir, 'model.json');
const titles = join(dir, 'titles.csv');
const read = (path: string) => `read_parquet(${sqlString(path)})`;

/** The planted matrix as long rows: what the pivot says, one rating a line (Cust_Id = 10 x (row + 1), movie j + 1). */
function longLines(m: CsrMatrix): string {
  const lines = ['userId,movieId,rating'];
  for (let i = 0; i < m.nRows; i++)
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++)
      lines.push(`${10 * (i + 1)},${m.colIdx[p] + 1},${m.values![p].toFixed(1)}`);
  return `${lines.join('\n')}\n`;
}

function ok(args: string[]) {
  const r = runCli(args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r;
}

before(() => {
  writeFileSync(pivot, pivotCsv(matrix));
  writeFileSync(longCsv, longLines(matrix));
  // titles for movies 1..49: movie 50 has none, so its title cell is null
  writeFileSync(
    titles,
    Array.from({ length: 49 }, (_, j) => `${j + 1},2001,Movie "${j + 1}", the sequel`).join('\n') + '\n',
  );
  ok(['fit', '--input', pivot, '--k', '3', '--seed', '1', '--save-model', model, '--quiet']);
});
after(async () => {
  await closeDuck();
  rmSync(dir, { recursive: true, force: true });
});

describe('Parquet in: DuckDB writes the ratings, we cluster them', () => {
  test('fit on a DuckDB Parquet (shuffled, BIGINT ids, zstd, small row groups) gives the assignments of the CSV', async () => {
    const parquet = join(dir, 'duck-ratings.parquet');
    await duckRun(
      `COPY (SELECT userId::BIGINT AS user_id, movieId::BIGINT AS movie_id, rating FROM read_csv(${sqlString(longCsv)}) ORDER BY movieId DESC, userId) ` +
        `TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000)`,
    );
    const fromPivot = ok(['fit', '--input', pivot, '--k', '3', '--seed', '1', '--quiet']).stdout;
    const fromParquet = ok(['fit', '--input', parquet, '--k', '3', '--seed', '1', '--quiet']).stdout;
    assert.equal(fromParquet, fromPivot);
    assert.equal(fromPivot.split('\n').length, 302);
  });
});

describe('Parquet out: DuckDB reads every table we write', () => {
  test('convert IN OUT.parquet: Cust_Id INTEGER, movie INTEGER, rating FLOAT, snappy, every rating; read back the same matrix', async () => {
    const out = join(dir, 'long.parquet');
    const r = ok(['convert', pivot, out]);
    assert.match(r.stderr, /^wrote .*long\.parquet: 300 customers x 50 movies, \d+ ratings, [\d.]+ MB in [\d.]+ s\n$/);
    assert.deepEqual(await duckColumnTypes(out), { Cust_Id: 'INTEGER', movie: 'INTEGER', rating: 'FLOAT' });
    assert.deepEqual(await duckRepetition(out), { Cust_Id: 'REQUIRED', movie: 'REQUIRED', rating: 'REQUIRED' });
    assert.deepEqual(await duckCodecs(out), ['SNAPPY']);
    const rows = await duckRows(`SELECT Cust_Id, movie, rating FROM ${read(out)}`);
    assert.equal(rows.length, matrix.rowPtr[matrix.nRows]);
    const expected = longLines(matrix).trim().split('\n').slice(1);
    assert.deepEqual(
      rows.map((x) => `${x.Cust_Id},${x.movie},${Number(x.rating).toFixed(1)}`),
      expected,
    );
    // and back: the Parquet is an input like any other, the same matrix as the pivot
    const back = await readRatings(out);
    const direct = await readRatings(pivot);
    assert.deepEqual(Array.from(back.matrix.values!), Array.from(direct.matrix.values!));
    assert.deepEqual(Array.from(back.matrix.colIdx), Array.from(direct.matrix.colIdx));
    assert.deepEqual(Array.from(back.customerIds), Array.from(direct.customerIds));
    assert.deepEqual(Array.from(back.movieIds), Array.from(direct.movieIds));
  });

  test('fit --out a.parquet: Cust_Id, cluster as INTEGER, the rows of the CSV', async () => {
    const out = join(dir, 'assignments.parquet');
    const csv = ok(['fit', '--input', pivot, '--k', '3', '--seed', '1', '--quiet']).stdout;
    ok(['fit', '--input', pivot, '--k', '3', '--seed', '1', '--quiet', '--out', out]);
    assert.deepEqual(await duckColumnTypes(out), { Cust_Id: 'INTEGER', cluster: 'INTEGER' });
    const rows = await duckRows(`SELECT Cust_Id, cluster FROM ${read(out)}`);
    assert.equal(['Cust_Id,cluster', ...rows.map((x) => `${x.Cust_Id},${x.cluster}`)].join('\n') + '\n', csv);
    // predict writes the same table the same way
    const predicted = join(dir, 'predicted.parquet');
    ok(['predict', '--model', model, '--input', pivot, '--out', predicted, '--quiet']);
    assert.deepEqual(await duckRows(`SELECT * FROM ${read(predicted)}`), rows);
  });

  test('elbow --out e.parquet: one row per k, the values of --json, a null cell where --json has null', async () => {
    const out = join(dir, 'elbow.parquet');
    const json = JSON.parse(
      ok(['elbow', '--input', pivot, '--k', '1..3', '--seed', '2', '--json', '--out', out]).stdout,
    );
    assert.deepEqual(await duckColumnTypes(out), {
      k: 'INTEGER',
      inertia: 'DOUBLE',
      silhouette: 'DOUBLE',
      daviesBouldin: 'DOUBLE',
      calinskiHarabasz: 'DOUBLE',
      nIter: 'INTEGER',
      converged: 'BOOLEAN',
    });
    const rows = await duckRows(`SELECT * FROM ${read(out)} ORDER BY k`);
    const expected = json.results.map((r: Record<string, unknown>) => ({
      k: r.k,
      inertia: r.inertia,
      silhouette: r.silhouette,
      daviesBouldin: r.daviesBouldin,
      calinskiHarabasz: r.calinskiHarabasz,
      nIter: r.nIter,
      converged: r.converged,
    }));
    assert.deepEqual(rows, expected);
    assert.equal(rows[0].silhouette, null, 'k = 1 has no silhouette');
  });

  test('evaluate --out s.parquet: predictor VARCHAR, k INTEGER (null for the baselines), rmse and mae DOUBLE', async () => {
    const out = join(dir, 'evaluate.parquet');
    const json = JSON.parse(
      ok(['evaluate', '--input', pivot, '--k', '2,3', '--seed', '1', '--json', '--quiet', '--out', out]).stdout,
    );
    assert.deepEqual(await duckColumnTypes(out), { predictor: 'VARCHAR', k: 'INTEGER', rmse: 'DOUBLE', mae: 'DOUBLE' });
    const rows = await duckRows(`SELECT * FROM ${read(out)}`);
    assert.deepEqual(
      rows,
      json.scores.map((s: Record<string, unknown>) => ({ predictor: s.predictor, k: s.k, rmse: s.rmse, mae: s.mae })),
    );
    assert.ok(rows.some((r) => r.k === null) && rows.some((r) => r.k === 3));
  });

  test('recommend --out r.parquet: Cust_Id, rank, movie, predicted and the title (null without one), quotes and commas intact', async () => {
    const out = join(dir, 'recs.parquet');
    const args = [
      'recommend',
      '--model',
      model,
      '--input',
      pivot,
      '--customer',
      '20',
      '--top',
      '50',
      '--min-support',
      '1',
      '--titles',
      titles,
      '--json',
      '--quiet',
    ];
    const json = JSON.parse(ok([...args, '--out', out]).stdout);
    assert.deepEqual(await duckColumnTypes(out), {
      Cust_Id: 'INTEGER',
      rank: 'INTEGER',
      movie: 'INTEGER',
      predicted: 'DOUBLE',
      title: 'VARCHAR',
    });
    const rows = await duckRows(`SELECT * FROM ${read(out)} ORDER BY rank`);
    assert.ok(rows.length > 5);
    assert.deepEqual(
      rows,
      json.recommendations.map((r: Record<string, unknown>) => ({
        Cust_Id: 20,
        rank: r.rank,
        movie: r.movieId,
        predicted: r.predicted,
        title: r.movieId === 50 ? null : r.title,
      })),
    );
    assert.ok(
      rows.some((r) => r.title === null),
      'movie 50 is recommended and has no title',
    );
    assert.ok(rows.every((r) => r.title === null || r.title === `Movie "${r.movie}", the sequel`));
    // without --titles there is no title column
    const bare = join(dir, 'recs-bare.parquet');
    ok(['recommend', '--model', model, '--input', pivot, '--customer', '20', '--quiet', '--out', bare]);
    assert.deepEqual(Object.keys(await duckColumnTypes(bare)), ['Cust_Id', 'rank', 'movie', 'predicted']);
  });
});

describe('Parquet errors through the CLI', () => {
  test('bad Parquet input: one line, exit 65, no output and no temporary file left', async () => {
    const bad = join(dir, 'no-rating.parquet');
    await duckRun(
      `COPY (SELECT userId, movieId FROM read_csv(${sqlString(longCsv)})) TO ${sqlString(bad)} (FORMAT parquet)`,
    );
    const outDir = join(dir, 'out-bad');
    mkdirSync(outDir);
    const out = join(outDir, 'x.parquet');
    const r = runCli(['convert', bad, out]);
    assert.equal(r.code, 65);
    assert.equal(
      r.stderr,
      `netflix-cluster: ${messages.parquetMissingColumn(bad, 'rating', ['rating', 'score', 'stars', 'value'], ['userId', 'movieId'])}\n`,
    );
    assert.equal(existsSync(out), false);
    assert.deepEqual(readdirSync(outDir), []);
  });

  test('an output folder that does not exist: exit 74 before any work', () => {
    const r = runCli(['convert', pivot, join(dir, 'missing', 'x.parquet')]);
    assert.equal(r.code, 74);
    assert.equal(
      r.stderr,
      `netflix-cluster: ${messages.outputDirMissing(join(dir, 'missing', 'x.parquet'), join(dir, 'missing'))}\n`,
    );
  });
});
