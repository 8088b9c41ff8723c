import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkOutputPath, isSpecialFile, openAtomicWriter, writeFileAtomic } from '../../src/io/atomic-write.js';
import { writeFailure, writeFailureReason } from '../../src/io/write-failure.js';
import { messages } from '../../src/messages.js';
import { ExitCode, UserError } from '../../src/util/errors.js';

const errno = (code: string, message: string) => Object.assign(new Error(message), { code });

test('a failed write is told in words: no errno name, no temporary file name', () => {
  const tmp = "ENOSPC: no space left on device, write '/out/.a.csv.123.456.tmp'";
  assert.equal(writeFailureReason(errno('ENOSPC', tmp)), 'no space left on device');
  assert.equal(
    writeFailureReason(errno('EACCES', "EACCES: permission denied, open '/sys/.x.csv.1.2.tmp'")),
    'permission denied',
  );
  assert.equal(writeFailureReason(errno('EPERM', 'EPERM: operation not permitted')), 'permission denied');
  assert.equal(writeFailureReason(errno('EIO', 'EIO: i/o error, write')), 'input/output error');
  assert.equal(writeFailureReason(errno('EROFS', 'EROFS: read-only file system')), 'read-only file system');
  // a code without words of ours keeps node's words, without the code and the path
  assert.equal(
    writeFailureReason(errno('EXDEV', "EXDEV: cross-device link not permitted, rename '/a/.x.tmp' -> '/b/x'")),
    'cross-device link not permitted',
  );
  const err = writeFailure('a.csv', errno('ENOSPC', tmp));
  assert.ok(err instanceof UserError);
  assert.equal(err.exitCode, ExitCode.ioErr);
  assert.equal(err.message, messages.cannotWrite('a.csv', 'no space left on device'));
});

test('a device is written in place, a regular file through a temporary file and a rename', async () => {
  // /dev/zero takes writes and drops them, as /dev/null does (which other tools on a shared machine might clobber)
  assert.equal(isSpecialFile('/dev/zero'), true);
  const dir = mkdtempSync(join(tmpdir(), 'nc-wf-'));
  const file = join(dir, 'a.txt');
  assert.equal(isSpecialFile(file), false);
  writeFileSync(file, 'old');
  assert.equal(isSpecialFile(file), false);
  await writeFileAtomic('/dev/zero', 'x');
  assert.equal(isSpecialFile('/dev/zero'), true);
  await assert.rejects(
    writeFileAtomic('/dev/full', 'x'),
    (e: unknown) =>
      e instanceof UserError && e.message === messages.cannotWrite('/dev/full', 'no space left on device'),
  );
  const w = openAtomicWriter('/dev/full');
  // the failure surfaces on the write that meets it or at the latest on commit
  const streamed = async () => {
    await w.write(Buffer.alloc(1 << 16));
    await w.commit();
  };
  await assert.rejects(
    streamed(),
    (e: unknown) =>
      e instanceof UserError &&
      e.exitCode === ExitCode.ioErr &&
      e.message === messages.cannotWrite('/dev/full', 'no space left on device'),
  );
  await writeFileAtomic(file, 'new');
  assert.deepEqual(readdirSync(dir), ['a.txt']);
});

test('checkOutputPath: a folder as the file, a file as the folder, a missing folder; a device is fine', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nc-wf-'));
  const file = join(dir, 'f');
  writeFileSync(file, '');
  await assert.rejects(checkOutputPath(dir), (e: unknown) => (e as Error).message === messages.outputIsDirectory(dir));
  await assert.rejects(
    checkOutputPath(join(file, 'x')),
    (e: unknown) => (e as Error).message === messages.outputDirNotDirectory(join(file, 'x'), file),
  );
  await assert.rejects(
    checkOutputPath(join(dir, 'no', 'x')),
    (e: unknown) => (e as Error).message === messages.outputDirMissing(join(dir, 'no', 'x'), join(dir, 'no')),
  );
  await checkOutputPath('/dev/full');
  await checkOutputPath(join(dir, 'new.csv'));
  // the probe leaves nothing behind
  assert.deepEqual(readdirSync(dir), ['f']);
});
