import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { columnsOption, quantileOption } from '../../src/cli/options.js';
import { messages } from '../../src/messages.js';

test('--columns takes user,movie,rating names', () => {
  assert.deepEqual(columnsOption('uid, iid ,score'), { user: 'uid', movie: 'iid', rating: 'score' });
  for (const bad of ['a,b', 'a,,c', 'a,b,c,d', '']) {
    assert.throws(
      () => columnsOption(bad),
      (err: Error) => err instanceof InvalidArgumentError && err.message === messages.badColumnsSpec(bad),
    );
  }
});

test('quantiles are numbers in [0, 1]', () => {
  const parse = quantileOption('--movie-quantile');
  assert.equal(parse('0.7'), 0.7);
  assert.equal(parse('0'), 0);
  assert.equal(parse('1'), 1);
  assert.throws(
    () => parse('-0.1'),
    (err: Error) => err.message === messages.quantileRange('--movie-quantile', -0.1),
  );
  assert.throws(
    () => parse('x'),
    (err: Error) => err.message === messages.badNumber('--movie-quantile', 'x'),
  );
});
