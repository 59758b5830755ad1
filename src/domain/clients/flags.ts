// CLIENT LIST `flags` letters in operator words. The letters are case-sensitive (`r` read-only
// cluster client, `R` broken tracking redirect); the set grows with Redis versions, so an
// unknown letter is shown as such rather than hidden.
import type { ClientInfo } from './types.js';

// As Redis's catClientInfoString() prints them, with the version that added the newer ones.
const MEANINGS: Readonly<Record<string, string>> = {
  A: 'close as soon as possible',
  b: 'blocked in a blocking command',
  B: 'broadcast client-side-caching tracking',
  c: 'close after the reply is written',
  d: 'a watched key was modified: EXEC will fail',
  e: 'excluded from client eviction (no-evict)',
  i: 'waiting for VM I/O (obsolete)',
  I: 'import source (Redis 8.0+)',
  M: 'master: this server is its replica',
  N: 'no flags',
  O: 'MONITOR: sees every command',
  P: 'Pub/Sub subscriber',
  r: 'read-only cluster connection',
  R: 'tracking redirect target is gone',
  S: 'replica connected to this server',
  t: 'client-side-caching tracking on',
  T: 'does not touch LRU/LFU (no-touch, 7.2+)',
  u: 'unblocked',
  U: 'connected over a unix socket',
  x: 'inside MULTI',
};

export interface DecodedFlag {
  letter: string;
  meaning: string;
}

/** Each letter of a CLIENT LIST `flags` value with its meaning, in the order printed. */
export function decodeFlags(flags: string): DecodedFlag[] {
  const out: DecodedFlag[] = [];
  for (const letter of flags) {
    const meaning = Object.hasOwn(MEANINGS, letter) ? MEANINGS[letter]! : 'unknown flag';
    out.push({ letter, meaning });
  }
  return out;
}

/** Every letter Redis is known to print, for help text and tests. */
export const KNOWN_FLAG_LETTERS: readonly string[] = Object.keys(MEANINGS);

/** A master or replica link: its traffic is replication, not an operator's session. */
export function isReplicationLink(c: Pick<ClientInfo, 'flags'>): boolean {
  return c.flags.includes('M') || c.flags.includes('S');
}
