import assert from 'node:assert/strict';
import { UserError } from '../../src/util/errors.js';

/** `promise` fails as a user error does: a UserError with exit code `code` and exactly `message` (one line). */
export async function rejectsAsUserError(promise: Promise<unknown>, code: number, message: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof UserError, String(err));
    assert.equal(err.exitCode, code);
    assert.equal(err.message, message);
    return true;
  });
}
