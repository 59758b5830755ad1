// An alert in words: one line for the console's header and rate line and for `tail`'s
// stderr. The address and the user names came from a server (a failed AUTH's username is
// anyone's bytes): escaped here, so every caller prints it as is. Pure.
import { toDisplay } from '../display.js';
import type { Alert } from './alerts.js';

const users = (a: Alert) =>
  a.usernames.length ? `users ${a.usernames.map((u) => toDisplay(u)).join(', ')}` : '';
const nodes = (a: Alert) => (a.nodes.length ? `on ${a.nodes.map((n) => toDisplay(n)).join(', ')}` : '');

/** Why the threshold is what it is. */
function basis(a: Alert): string {
  if (a.kind === 'auth-burst') return `at ${a.threshold} or more a minute from one address`;
  if (a.basis === 'set') return `over the set ${a.threshold}/min`;
  return a.baseline === undefined
    ? `over the default ${a.threshold}/min`
    : `over ${a.threshold}/min: 3x the last hour's ${a.baseline}/min, at least 30`;
}

/** "auth burst: 12 failed AUTHs in a minute from 10.0.0.5 (users admin, root; on ...)". */
export function alertLine(a: Alert): string {
  const where = [users(a), nodes(a)].filter(Boolean).join('; ');
  if (a.kind === 'auth-burst')
    return `auth burst: ${a.rate} failed AUTHs in a minute from ${toDisplay(a.addr)} (${[basis(a), where].filter(Boolean).join('; ')})`;
  const busiest = a.addr === undefined ? '' : `busiest ${toDisplay(a.addr)}`;
  return `rate: ${a.rate} ACL LOG events/min (${[basis(a), busiest, where].filter(Boolean).join('; ')})`;
}

/** Short, for the header: "AUTH BURST 10.0.0.5" or "RATE 46/min". */
export function alertBadge(a: Alert): string {
  return a.kind === 'auth-burst' ? `AUTH BURST ${toDisplay(a.addr)}` : `RATE ${a.rate}/min`;
}
