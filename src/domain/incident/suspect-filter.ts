// The Clients pane's filter for an incident's suspects (Investigate, `c`): one `/a|b|c/` term
// matching any of the users and addresses the incident names (its suspects, and those its
// findings suggest acting on). Names are written as the screen shows them (toDisplay), which
// the filter matches too, so a hostile name never reaches the filter line raw.
import { toDisplay } from '../display.js';
import type { Incident } from './types.js';

/** What the suspects and the findings name: users to look at and client addresses. */
export function suspectNames(inc: Incident): { users: string[]; addresses: string[] } {
  const users = new Set(inc.suspects?.users ?? []);
  const addresses = new Set(inc.suspects?.addresses ?? []);
  for (const f of inc.findings)
    for (const op of f.suggests) {
      const p = op.params as { user?: unknown; clients?: unknown };
      if (typeof p.user === 'string') users.add(p.user);
      if (Array.isArray(p.clients))
        for (const c of p.clients as { addr?: unknown }[])
          if (typeof c.addr === 'string' && c.addr) addresses.add(c.addr);
    }
  return { users: [...users], addresses: [...addresses] };
}

// Every regex metacharacter escaped; a space as \x20 (the filter splits terms on spaces).
const escapeRe = (s: string): string =>
  s
    .replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
    .replace(/\s/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** `/^(admin|10\.0\.0\.5:51234)$/` (whole fields only), or undefined when it names nobody. */
export function suspectFilter(inc: Incident): string | undefined {
  const { users, addresses } = suspectNames(inc);
  const names = [...users, ...addresses].map((n) => escapeRe(toDisplay(n)));
  return names.length ? `/^(${names.join('|')})$/` : undefined;
}
