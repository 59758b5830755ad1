// The least-privileged auditor (issue 14, `redis-warden audit --grants`, the Users pane's
// `warden-auditor` template): every command the audit's read sends and nothing else, so each
// read works with it and, with less, each says which of these it misses (src/redis/audit-read.ts).

/**
 * +ping, +acl|whoami: what every console connection asks when it connects (src/redis/node.ts;
 * without them each connect writes a NOPERM into ACL LOG). +info, +config|get, +acl|list (it
 * shows the password hashes the offline weak-password check needs), +acl|dryrun, +module|list:
 * the audit's reads. +cluster|nodes: finding the other nodes of a cluster.
 */
export const AUDITOR_GRANTS = [
  '+ping',
  '+acl|whoami',
  '+info',
  '+config|get',
  '+acl|list',
  '+acl|dryrun',
  '+module|list',
  '+cluster|nodes',
] as const;

/**
 * The auditor's ACL rule, without a password: pasted as it is, the user exists and nobody can
 * log in as it; add `>password` (or `#<sha256>`) to use it. No keys, no channels, no writes.
 */
export const AUDITOR_RULE = ['on', 'resetkeys', 'resetchannels', '-@all', ...AUDITOR_GRANTS].join(' ');
