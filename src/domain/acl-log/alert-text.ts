// An alert in words: one line for the console's header and rate line and for `tail`'s
// stderr. The address and the user names came from a server (a failed AUTH's username is
// anyone's bytes): escaped here by default, so a caller prints it as is; machine output,
// which escapes every string itself, passes `raw` to escape once. Pure.
import { fitWidth, toDisplay } from '../display.js';
import type { Alert } from './alerts.js';
import { RATE_FACTOR, RATE_FLOOR } from './alerts.js';

type Show = (s: string | undefined) => string;
export const raw: Show = (s) => s ?? '';

/** Why the threshold is what it is. */
function basis(a: Alert): string {
  if (a.kind === 'auth-burst') return `at ${a.threshold} or more a minute from one address`;
  if (a.basis === 'set') return `over the set ${a.threshold}/min`;
  return a.baseline === undefined
    ? `over the default ${a.threshold}/min`
    : `over ${a.threshold}/min: ${RATE_FACTOR}x the last hour's ${a.baseline}/min, at least ${RATE_FLOOR}`;
}

/** "auth burst: 12 failed AUTHs in a minute from 10.0.0.5 (...; users admin, root; on ...)". */
export function alertLine(a: Alert, show: Show = toDisplay): string {
  const users = a.usernames.length ? `users ${a.usernames.map(show).join(', ')}` : '';
  const nodes = a.nodes.length ? `on ${a.nodes.map(show).join(', ')}` : '';
  const parts = (...p: string[]) => p.filter(Boolean).join('; ');
  if (a.kind === 'auth-burst')
    return `auth burst: ${a.rate} failed AUTHs in a minute from ${show(a.addr)} (${parts(basis(a), users, nodes)})`;
  const busiest = a.addr === undefined ? '' : `busiest ${show(a.addr)}`;
  return `rate: ${a.rate} ACL LOG events/min (${parts(basis(a), busiest, users, nodes)})`;
}

/** Short, for the header: "AUTH BURST 10.0.0.5" or "RATE 46/min" (a long address cut). */
export function alertBadge(a: Alert): string {
  return a.kind === 'auth-burst' ? `AUTH BURST ${fitWidth(toDisplay(a.addr), 24)}` : `RATE ${a.rate}/min`;
}
