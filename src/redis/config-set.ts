// CONFIG SET of one setting on the nodes named: a write, so through writeOnEach (run once,
// journaled, its outcome classified). Which settings may be changed this way is the caller's
// rule (src/ops/operations/config-specs.ts refuses secrets and what could lock the console out).
import type { WriteContext, WriteOutcome } from './command.js';
import { writeOnEach } from './command.js';
import type { Target } from './target.js';

export async function configSet(
  target: Target,
  ctx: WriteContext,
  name: string,
  value: string,
  only?: readonly string[],
): Promise<WriteOutcome[]> {
  return writeOnEach(target, ctx, 'CONFIG', ['SET', name, value], only);
}
