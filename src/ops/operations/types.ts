// What an operation described as data is made of: its id (an id of the one journal table,
// src/domain/actions.ts), its parameters (plain JSON, never a secret), and the spec that turns
// them into the plan the one mutation path runs.
import type { ActionId } from '../../domain/actions.js';
import type { Target } from '../../redis/target.js';
import type { MutationEnv, Reread, ServerWritePlan } from '../mutation.js';
import type { Check } from './check.js';

/** Where and how an operation runs. `confirmed` is the UI's confirmation or `--yes`. */
export interface OperationContext {
  target: Target;
  env: MutationEnv;
  confirmed: boolean;
  /** Re-reads what the pane shows (the headless commands re-read through `check` only). */
  reread?: Reread;
}

/**
 * What runs beside an operation and is never saved with it: a typed password, the password
 * rules of a rule text (`>pw`, `#sha256`), the hashes to remove. A flow that resumes after a
 * restart has none of these: an operation that needs one then fails to plan, and nothing runs.
 */
export interface Beside {
  password?: string;
  /** The password rules, in order; the params name them as `{ secret: index }`. */
  secretRules?: readonly string[];
  /** Password hashes to remove (`drop-passwords` with `which: 'given'`). */
  hashes?: readonly string[];
  /** Other secrets of this write (the typed passwords behind `secretRules`). */
  secrets?: readonly string[];
}

/** A planned write, plus the password the plan generated (shown once by the caller). */
export interface Planned extends ServerWritePlan {
  generated?: string;
}

export interface OperationSpec<P> {
  id: ActionId;
  /** Validates parameters loaded from JSON: a bad one throws an OperationError naming the field. */
  params: Check<P>;
  /** The one line a confirmation or a flow shows: server names through toDisplay. */
  describe: (params: P) => string;
  /** The plan the mutation path runs (runServerWrite); may read the server (never write). */
  plan: (params: P, deps: OperationContext & { beside: Beside }) => Promise<Planned>;
}
