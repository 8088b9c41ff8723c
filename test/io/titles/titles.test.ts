import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMovieTitles } from '../../../src/io/titles/titles.js';
import { messages } from '../../../src/messages.js';
import { UserError } from '../../../src/util/errors.js';
import { tempDir } from '../../helpers.js';
import { rejectsAsUserError } from '../../support/user-error.js';

const dir = tempDir();

test('titles: ISO-8859-1, commas in titles, NULL years, CRLF, an optional header', async () => {
  const file = join(dir, 'titles.csv');
  const text =
    'MovieID,YearOfRelease,Title\r\n1,2003,Dinosaur Planet\r\n4388,NULL,Ancient Civilizations: Rome\r\n17,2005,7 Seconds, the Sequel\r\n42,1999,Amélie\r\n';
  writeFileSync(file, Buffer.from(text, 'latin1'));
  const titles = await readMovieTitles(file);
  assert.deepEqual(
    [...titles.entries()],
    [
      [1, 'Dinosaur Planet'],
      [4388, 'Ancient Civilizations: Rome'],
      [17, '7 Seconds, the Sequel'],
      [42, 'Amélie'],
    ],
  );
});

const bad: [string, string, number, string][] = [
  ['too few fields', '1,2003,A\n2,2004\n', 2, 'expected MovieID,YearOfRelease,Title'],
  ['bad id', '1,2003,A\nx,2004,B\n', 2, 'MovieID "x" is not a positive whole number'],
  ['bad year', '1,03,A\n', 1, 'YearOfRelease "03" is not a year or NULL'],
];

for (const [name, text, line, why] of bad) {
  test(`titles: ${name} -> file:line, exit 65`, async () => {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, text);
    await rejectsAsUserError(readMovieTitles(file), 65, messages.titlesBadLine(file, line, why));
  });
}

test('titles: a duplicate id is an error; a missing file is exit 66', async () => {
  const file = join(dir, 'dup.csv');
  writeFileSync(file, '1,2003,A\n1,2004,B\n');
  await assert.rejects(readMovieTitles(file), { message: messages.titlesDuplicate(file, 2, 1) });
  await assert.rejects(
    readMovieTitles(join(dir, 'none.csv')),
    (err: unknown) => err instanceof UserError && err.exitCode === 66,
  );
});
