// A client-info line as Redis prints it in ACL LOG and CLIENT LIST. Pure; keeps raw text.
import type { ClientSummary } from './types.js';

const SUMMARY_KEYS = new Set<string>(['id', 'addr', 'laddr', 'name', 'user', 'cmd']);

/**
 * One client-info line (`id=7 addr=... name= ... cmd=auth ...`) -> the fields the tail shows.
 * Fields are separated by single spaces and no value holds a space (Redis refuses them in
 * client names; the rest are numbers, addresses, flags or command names); a value may hold
 * `=`, so only the first `=` of a field splits it. An empty value (`name=`) is kept as ''.
 * The first occurrence of a key wins, so a later field cannot override an earlier one.
 */
export function parseClientInfo(line: string): ClientSummary {
  const out: ClientSummary = {};
  for (const field of line.split(' ')) {
    const eq = field.indexOf('=');
    if (eq <= 0) continue;
    const key = field.slice(0, eq);
    if (!SUMMARY_KEYS.has(key) || Object.hasOwn(out, key)) continue;
    out[key as keyof ClientSummary] = field.slice(eq + 1);
  }
  return out;
}
