import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { readRatings } from '../../src/io/read-ratings.js';
import { STDIN_PATH, withStdinFile } from '../../src/io/stdin-input.js';
import { messages } from '../../src/messages.js';
import { UserError } from '../../src/util/errors.js';
import { fixture } from '../helpers.js';

const stream = (bytes: string | Buffer) => Readable.from([Buffer.from(bytes)]);

test('stdin: a long file and a gzipped pivot, each detected on its first bytes, read like the files', async () => {
  const long = await withStdinFile((path) => readRatings(path), stream(readFileSync(fixture('long/ratings.dat'))));
  const direct = await readRatings(fixture('long/ratings.dat'));
  assert.deepEqual(long.matrix, direct.matrix);
  assert.deepEqual(long.timestamps, direct.timestamps);
  const pivot = await withStdinFile((path) => readRatings(path), stream(gzipSync(readFileSync(fixture('tiny.csv')))));
  assert.deepEqual(pivot.matrix, (await readRatings(fixture('tiny.csv'))).matrix);
});

test('stdin: messages name "-", and the private copy is gone afterwards', async () => {
  let copy = '';
  await assert.rejects(
    withStdinFile((path) => {
      copy = path;
      return readRatings(path);
    }, stream('userId,movieId,rating\n1,1,x\n')),
    (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.exitCode, 65);
      assert.equal(err.message, messages.badRating(STDIN_PATH, 2, 3, 'x'));
      return true;
    },
  );
  assert.ok(copy !== '' && !existsSync(copy));
  await assert.rejects(
    withStdinFile((path) => readRatings(path), stream('')),
    { message: messages.inputEmpty(STDIN_PATH) },
  );
});
