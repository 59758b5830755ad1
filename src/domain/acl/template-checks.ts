// What each template in templates.ts promises, as command lines ACL DRYRUN can check: the
// tests run every line on a real server against a user made from the template, and the
// README's template table lists the same. A description that says "minus the dangerous
// ones" is only as good as this list.

/** Commands no application or console user should run; a template that allows some says why. */
export const DANGEROUS_COMMANDS: readonly string[] = [
  'FLUSHALL',
  'FLUSHDB',
  'FUNCTION FLUSH',
  'FUNCTION DELETE mylib',
  'FUNCTION LOAD code',
  'FUNCTION RESTORE payload',
  'SCRIPT FLUSH',
  'CONFIG GET maxmemory',
  'CONFIG SET maxmemory 0',
  'DEBUG SLEEP 0',
  'MODULE LOAD /tmp/x.so',
  'SHUTDOWN',
  'REPLICAOF NO ONE',
  'MIGRATE 10.0.0.9 6379 app:k 0 1000',
  'KEYS *',
  'MONITOR',
  'ACL SETUSER someone',
  'ACL LIST',
  'CLIENT KILL ID 1',
  'SAVE',
  'BGSAVE',
];

export interface TemplateCheck {
  /** Command lines a user made from the template may run (keys inside its patterns). */
  allow: readonly string[];
  /** Command lines it must be refused: the dangerous ones it is not meant to have, and more. */
  deny: readonly string[];
  /** Dangerous commands it allows on purpose, and why (the rest of DANGEROUS_COMMANDS is denied). */
  dangerousAllowed?: { commands: readonly string[]; why: string };
}

const MONITOR_ALLOW = [
  'PING',
  'INFO',
  'ACL WHOAMI',
  'ACL LOG',
  'ACL USERS',
  'ACL CAT',
  'CLIENT LIST',
  'CLIENT INFO',
  'CLIENT ID',
  'CONFIG GET acllog-max-len',
  'SLOWLOG GET',
  'LATENCY LATEST',
];

export const TEMPLATE_CHECKS: Readonly<Record<string, TemplateCheck>> = {
  app: {
    allow: ['GET app:k', 'SET app:k v', 'DEL app:k', 'HSET app:h f v', 'LPUSH app:l v', 'SCAN 0'],
    deny: ['GET other:k', 'SET other:k v', 'EVAL return 0', 'PUBLISH ch m', 'SUBSCRIBE ch', 'SORT app:l'],
  },
  readonly: {
    allow: ['GET any:k', 'HGETALL any:h', 'SCAN 0', 'TTL any:k'],
    deny: ['SET any:k v', 'DEL any:k', 'EXPIRE any:k 1', 'EVAL return 0', 'PUBLISH ch m', 'SORT_RO any:l'],
  },
  admin: {
    allow: ['GET any:k', 'SET any:k v', 'PUBLISH ch m', 'ACL GETUSER default'],
    deny: [],
    dangerousAllowed: {
      commands: DANGEROUS_COMMANDS,
      why: 'an administrator: every command on every key and channel, as its description says',
    },
  },
  replication: {
    allow: ['PSYNC ? -1', 'REPLCONF listening-port 6380', 'PING'],
    deny: ['GET k', 'SET k v', 'SYNC', 'INFO', 'PUBLISH ch m'],
  },
  'warden-monitor': {
    allow: MONITOR_ALLOW,
    deny: [
      'GET k',
      'SET k v',
      'ACL GETUSER default',
      'ACL DELUSER someone',
      'CONFIG REWRITE',
      'PUBLISH ch m',
    ],
    dangerousAllowed: {
      commands: ['CONFIG GET maxmemory'],
      why: 'CONFIG GET reads the settings the audit and the ACL Log pane need (acllog-max-len)',
    },
  },
  'warden-admin': {
    allow: [...MONITOR_ALLOW, 'ACL GETUSER default', 'ACL DELUSER someone', 'CONFIG REWRITE'],
    deny: ['GET k', 'SET k v', 'PUBLISH ch m', 'CLIENT PAUSE 10'],
    dangerousAllowed: {
      commands: [
        'CONFIG GET maxmemory',
        'CONFIG SET maxmemory 0',
        'ACL SETUSER someone',
        'ACL LIST',
        'CLIENT KILL ID 1',
      ],
      why: 'it manages users (ACL), kills clients and changes the config, as its description says',
    },
  },
  'warden-auditor': {
    allow: ['PING', 'ACL WHOAMI', 'INFO', 'ACL DRYRUN default PING', 'MODULE LIST', 'CLUSTER NODES'],
    deny: [
      'GET k',
      'SET k v',
      'CONFIG REWRITE',
      'ACL GETUSER default',
      'ACL LOG',
      'CLIENT LIST',
      'PUBLISH ch m',
    ],
    dangerousAllowed: {
      commands: ['CONFIG GET maxmemory', 'ACL LIST'],
      why: 'the audit reads every setting (CONFIG GET) and the password hashes (ACL LIST, matched offline against common passwords)',
    },
  },
};

/** The dangerous commands a template must be refused. */
export const deniedDangerous = (check: TemplateCheck): string[] =>
  DANGEROUS_COMMANDS.filter((c) => !check.dangerousAllowed?.commands.includes(c));
