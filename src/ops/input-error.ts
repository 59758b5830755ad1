// What an operation refuses before it changes anything: a wrong node name, an invalid ACL
// file, a read the console's user may not do. The headless commands exit 2 on it (their
// UsageError is this class); the panes say its message and details.
import { toDisplay } from '../domain/display.js';
import { explain, missingPermission, needsHint } from '../redis/errors.js';

export class InputError extends Error {
  /** Lines said after the message (the cause and the fixes), already escaped for the terminal. */
  details: string[] = [];
}

/** "SEC003 NOPERM ..." for an error, secrets redacted. */
export function errorText(err: unknown, secrets: readonly string[] = []): string {
  const e = explain(err, secrets);
  return `${e.code ? `${e.code} ` : ''}${e.message}`;
}

/**
 * A read the operation cannot do without: "ACL GETUSER: SEC003 NOPERM ... (needs +acl|getuser)",
 * then the guide's cause and the grant (naming the console's user when known), as every other
 * refusal is said.
 */
export function refusedError(
  what: string,
  err: unknown,
  secrets: readonly string[],
  need: string,
  me?: string,
): InputError {
  const e = explain(err, secrets);
  const error = new InputError(`${what}: ${errorText(err, secrets)}${needsHint(e, need)}`);
  if (e.code === 'SEC003') {
    const perm = missingPermission(e.message) ?? need;
    error.details = [
      `The console's user${me ? ` (${me})` : ''} lacks ${perm}.`,
      `  → Grant it: ACL SETUSER ${me ?? '<user>'} ${perm}`,
    ].map((l) => toDisplay(l));
  }
  return error;
}
