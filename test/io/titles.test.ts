import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseMovieTitles, readMovieTitles } from '../../src/io/titles.js';
import { messages } from '../../src/messages.js';
import { ExitCode, UserError } from '../../src/util/errors.js';
import { tempDir } from '../helpers.js';

const dir = tempDir();
after(() => rmSync(dir, { recursive: true, force: true }));

function writeLatin1(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(text, 'latin1'));
  return path;
}

const rejectsWith = (message: string, code: number) => (err: unknown) =>
  err instanceof UserError && err.message === message && err.exitCode === code;

describe('movie titles', () => {
  it('reads titles with commas, NULL years and Latin-1 letters', async () => {
    const path = writeLatin1(
      'titles.csv',
      '1,2003,Dinosaur Planet\r\n' +
        '2,NULL,Isle of Man TT 2004 Review\r\n' +
        '5,2004,The Rise and Fall of ECW, Vol. 2\r\n' +
        '6,1997,Sick\r\n' +
        '7,1992,Amélie, \"the\" story\r\n',
    );
    const titles = await readMovieTitles(path);
    assert.equal(titles.get(1), 'Dinosaur Planet');
    assert.equal(titles.get(2), 'Isle of Man TT 2004 Review');
    assert.equal(titles.get(5), 'The Rise and Fall of ECW, Vol. 2');
    assert.equal(titles.get(7), 'Amélie, "the" story');
    assert.equal(titles.size, 5);
  });

  it('keeps the year, null where the file says NULL', () => {
    const parsed = parseMovieTitles('2,NULL,Isle of Man\n3,1997,Character\n', 'm.csv');
    assert.deepEqual(parsed, [
      { id: 2, year: null, title: 'Isle of Man' },
      { id: 3, year: 1997, title: 'Character' },
    ]);
  });

  it('skips a header line naming MovieID', () => {
    assert.deepEqual(parseMovieTitles('MovieID,YearOfRelease,Title\n1,2003,A\n', 'm.csv'), [{ id: 1, year: 2003, title: 'A' }]);
  });

  it('unwraps a title that a re-saved file quoted', () => {
    assert.equal(parseMovieTitles('9,2001,"Crouching Tiger, Hidden Dragon"\n', 'm.csv')[0].title, 'Crouching Tiger, Hidden Dragon');
  });

  it('rejects a bad line with file:line, exit 65', () => {
    assert.throws(() => parseMovieTitles('1,2003,Dinosaur Planet\n2,2004\n', 'm.csv'), rejectsWith(messages.movieTitlesBadLine('m.csv', 2, '2,2004'), ExitCode.dataErr));
    assert.throws(() => parseMovieTitles('x1,2003,A\n', 'm.csv'), rejectsWith(messages.movieTitlesBadId('m.csv', 1, 'x1'), ExitCode.dataErr));
    assert.throws(() => parseMovieTitles('1,2003,A\n2,20x3,B\n', 'm.csv'), rejectsWith(messages.movieTitlesBadYear('m.csv', 2, '20x3'), ExitCode.dataErr));
    assert.throws(() => parseMovieTitles('1,2003,A\n1,2003,B\n', 'm.csv'), rejectsWith(messages.movieTitlesDuplicate('m.csv', 2, 1, 1), ExitCode.dataErr));
    assert.equal(messages.movieTitlesBadYear('m.csv', 2, '20x3'), 'm.csv:2: year "20x3" is neither a year nor NULL');
  });

  it('says so when the file is missing, exit 66', async () => {
    const path = join(dir, 'nope.csv');
    await assert.rejects(readMovieTitles(path), rejectsWith(messages.inputMissing(path), ExitCode.noInput));
  });
});
