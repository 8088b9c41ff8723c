import type { CsrMatrix } from '../matrix/csr.js';
import { Rng } from '../util/random.js';
import { splitHoldout } from './holdout.js';
import { assignFolds, foldSplit, type TrainTest } from './split.js';

/** --holdout: a seeded share of every customer's ratings, one split. */
export function* holdoutSplits(m: CsrMatrix, share: number, seed: number): Generator<TrainTest> {
  const s = splitHoldout(m, share, new Rng(seed).fork());
  yield { ...s, testGroups: s.testRows };
}

/** --folds k: seeded k-fold over ratings, one split per fold, built as it is needed. */
export function* foldSplits(m: CsrMatrix, folds: number, seed: number): Generator<TrainTest> {
  const fold = assignFolds(m.rowPtr[m.nRows], folds, new Rng(seed).fork());
  for (let f = 0; f < folds; f++) yield foldSplit(m, fold, f);
}
