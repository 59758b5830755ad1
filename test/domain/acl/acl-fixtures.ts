// A small command universe shaped like Redis 7.0's: parents with subcommands (`client`,
// `config`, `acl`), the parent `client` itself listed in @slow as real ACL CAT does, a
// command that only takes first-argument rules (`select`), and categories that overlap.
import type { AclUser, CommandUniverse } from '../../../src/domain/acl/types.js';

const CATEGORIES: Record<string, string[]> = {
  read: ['get', 'config|get', 'client|list', 'keys', 'sort_ro'],
  write: ['set', 'del'],
  keyspace: ['keys', 'del'],
  dangerous: ['keys', 'sort_ro', 'flushall', 'config|set', 'client|kill', 'client|list', 'acl|setuser'],
  admin: ['config|set', 'config|get', 'client|kill', 'acl|setuser', 'acl|deluser', 'acl|getuser', 'acl|list'],
  connection: ['select', 'ping', 'acl|whoami'],
  scripting: ['eval'],
  slow: ['client', 'client|list', 'client|kill', 'client|id', 'keys', 'flushall', 'eval'],
  fast: ['get', 'set', 'ping', 'select', 'client|id'],
};

export const U: CommandUniverse = {
  categories: new Map(Object.entries(CATEGORIES).map(([c, m]) => [c, new Set(m)])),
  commands: new Set(Object.values(CATEGORIES).flat()),
};

/** A user with the given fields over an enabled, rule-less one. */
export const user = (over: Partial<AclUser> & { name?: string } = {}): AclUser => ({
  name: 'u',
  enabled: true,
  nopass: false,
  flags: ['on'],
  passwords: [],
  keys: [],
  channels: [],
  commands: '-@all',
  selectors: [],
  ...over,
});

export const sorted = (s: Iterable<string>): string[] => [...s].sort();
