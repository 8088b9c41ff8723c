import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { fractionOption, intRangeOption } from '../../src/cli/options.js';
import { messages } from '../../src/messages.js';

function rejects(parse: (v: string) => number, value: string, message: string) {
  assert.throws(
    () => parse(value),
    (err: unknown) => err instanceof InvalidArgumentError && err.message === message,
  );
}

test('intRangeOption: whole numbers within the bounds, one message per kind of mistake', () => {
  const movies = intRangeOption('--movies', 1, 17770);
  assert.equal(movies('17770'), 17770);
  assert.equal(movies(' 5 '), 5);
  rejects(movies, '17771', messages.tooLarge('--movies', 17771, 17770));
  rejects(movies, '0', messages.tooSmall('--movies', 0, 1));
  rejects(movies, '-3', messages.tooSmall('--movies', -3, 1));
  rejects(movies, '2.5', messages.badInteger('--movies', '2.5'));
  rejects(movies, '1e3', messages.badInteger('--movies', '1e3'));
  rejects(movies, '', messages.badInteger('--movies', ''));
  const seed = intRangeOption('--seed', 0, Number.MAX_SAFE_INTEGER);
  rejects(seed, '99999999999999999999', messages.tooLarge('--seed', 1e20, Number.MAX_SAFE_INTEGER));
});

test('fractionOption: numbers in (0, 1]', () => {
  const density = fractionOption('--density');
  assert.equal(density('1'), 1);
  assert.equal(density('0.0933'), 0.0933);
  assert.equal(density('1e-3'), 0.001);
  rejects(density, '0', messages.notInHalfOpenUnit('--density', 0));
  rejects(density, '1.5', messages.notInHalfOpenUnit('--density', 1.5));
  rejects(density, '-0.1', messages.notInHalfOpenUnit('--density', -0.1));
  rejects(density, 'lots', messages.badNumber('--density', 'lots'));
  rejects(density, 'NaN', messages.badNumber('--density', 'NaN'));
});
