import { messages } from '../messages.js';
import { ioError, type UserError } from '../util/errors.js';

/**
 * Why a write failed, in the words a user reads (`no space left on device`), not node's
 * `ENOSPC: no space left on device, write '/out/.a.csv.123.tmp'`: no errno name and no temporary file name.
 */
export function writeFailureReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  // an unknown code: node's text without its `CODE: ` prefix and its `, open '/path'` suffix
  const fallback = String(e?.message ?? err)
    .replace(/^[A-Z][A-Z0-9_]+: /, '')
    .replace(/, \w+ '[^']*'( -> '[^']*')?$/, '');
  return messages.writeFailureReason(e?.code, fallback);
}

/** The exit-74 error for a failed write of `path` (the name the user gave, or "stdout"). */
export function writeFailure(path: string, err: unknown): UserError {
  return ioError(messages.cannotWrite(path, writeFailureReason(err)));
}
