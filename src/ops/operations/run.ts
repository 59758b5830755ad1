// Loading and running an operation described as data. Whatever its source (the pane, a headless
// command, a flow resumed from disk), it is validated first (a bad or unknown one is an
// OperationError, and nothing runs), planned by its spec, and run through the one mutation
// path (src/ops/mutation.ts): read-only refusal, confirmation, every node, journal, re-read.
import { toDisplay } from '../../domain/display.js';
import { runServerWrite } from '../mutation.js';
import type { MutationResult } from '../mutation.js';
import { obj, OperationError, str } from './check.js';
import { OPERATIONS } from './table.js';
import type { Operation, OperationId } from './table.js';
import type { Beside, OperationContext, OperationSpec } from './types.js';

const isOperationId = (id: string): id is OperationId => Object.hasOwn(OPERATIONS, id);

const specOf = (id: OperationId) => OPERATIONS[id] as OperationSpec<unknown>;

const envelope = obj({ id: str(), params: (v) => v });

/** A value read back (from JSON, a file, a flow's state) as an Operation, or an OperationError. */
export function parseOperation(value: unknown): Operation {
  const e = envelope(value, 'operation');
  if (!isOperationId(e.id))
    throw new OperationError(
      `operation.id: "${toDisplay(e.id)}" is not an operation (${Object.keys(OPERATIONS).join(', ')})`,
    );
  return { id: e.id, params: specOf(e.id).params(e.params, 'operation.params') } as Operation;
}

/** An operation from its JSON text. */
export function loadOperation(json: string): Operation {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new OperationError(`not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseOperation(value);
}

/** The one line a confirmation or a flow shows for it (names escaped). */
export function describeOperation(op: Operation): string {
  const checked = parseOperation(op);
  return specOf(checked.id).describe(checked.params);
}

export type OperationResult = MutationResult<unknown> & {
  /** A password the run generated (ACL GENPASS), for the caller to show once; never saved. */
  generated?: string;
};

/**
 * Runs `op`: validated again (a typed value may still hold what no loader would accept), then
 * its plan through runServerWrite. A plan that cannot be made (a password not given, no node
 * ready, nothing to remove) is refused with the reason, and nothing was sent; that reason and
 * summary name users escaped already (headless output prints them as they are).
 */
export async function runOperation(
  op: Operation,
  c: OperationContext,
  beside: Beside = {},
): Promise<OperationResult> {
  const checked = parseOperation(op);
  const spec = specOf(checked.id);
  let planned;
  try {
    planned = await spec.plan(checked.params, { ...c, beside });
  } catch (err) {
    if (!(err instanceof OperationError)) throw err;
    // Not run: said as a refusal (nothing was sent), with what is missing.
    return { status: 'refused', summary: spec.describe(checked.params), results: [], reason: err.message };
  }
  const { generated, ...plan } = planned;
  const r = await runServerWrite(c.env, plan, c.confirmed);
  return generated === undefined ? r : { ...r, generated };
}
