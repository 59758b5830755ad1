// When each user's password last changed, from the journal (AUTH-009 "rotated within 90
// days"): every ACL SETUSER the console ran that gave a user a password (`>pw` or `#hash`,
// journaled redacted as `>‹redacted›`), per node. Only the console's own changes are known:
// a user with no such entry has "no record" (a warn, never a pass or a fail). Pure.
import { fromDisplay } from '../display.js';

/** The part of a journal entry this reads (src/journal/types.ts JournalEntry). */
export interface JournalLike {
  ts: string;
  kind?: string;
  nodes?: readonly string[];
  args?: unknown;
  outcome?: string;
}

const isSetUser = (args: unknown): args is string[] =>
  Array.isArray(args) &&
  args.length >= 3 &&
  String(args[0]).toUpperCase() === 'ACL' &&
  String(args[1]).toUpperCase() === 'SETUSER';

/** Per node, per user (raw name, as ACL LIST gives it): the newest password change (ISO). */
export function passwordChanges(entries: readonly JournalLike[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const e of entries) {
    if (e.outcome !== 'ok' || !isSetUser(e.args)) continue;
    const [, , shownName, ...rules] = e.args;
    if (!rules.some((r) => typeof r === 'string' && (r.startsWith('>') || r.startsWith('#')))) continue;
    // The journal names users as shown (escaped); the facts carry them raw.
    const name = fromDisplay(String(shownName));
    for (const node of e.nodes ?? []) {
      const users = out.get(node) ?? {};
      if (!users[name] || users[name] < e.ts) users[name] = e.ts;
      out.set(node, users);
    }
  }
  return out;
}
