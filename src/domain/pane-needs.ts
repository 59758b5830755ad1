// What each pane reads and does on the server, and the grant each needs. One table: `profiles
// test` checks the console's user against it, and the README's "Permissions each pane needs"
// is checked against it (test/readme-permissions.test.ts), so the two cannot drift apart.

export const PANES = ['header', 'Users', 'ACL Log', 'Clients', 'Audit', 'Certs'] as const;
export type PaneName = (typeof PANES)[number];

export interface PaneNeed {
  pane: PaneName;
  /** What the operator gets with it. */
  what: string;
  /** 'read': the pane shows it; 'action': a key in the pane does it. */
  kind: 'read' | 'action';
  /** Any one of these lets it happen: a command line as ACL DRYRUN takes it, and its grant. */
  anyOf: readonly { command: readonly string[]; grant: string }[];
  /**
   * Running the command does nothing but reply (no write, no effect on other clients), so
   * `profiles test` may run it to see whether it is allowed when it cannot ask ACL DRYRUN.
   */
  harmless?: boolean;
}

const one = (grant: string, ...command: string[]) => [{ command, grant }];

const PING = one('+ping', 'PING');
const INFO = one('+info', 'INFO', 'server');
const ACL_LIST = one('+acl|list', 'ACL', 'LIST');
const CLIENT_LIST = one('+client|list', 'CLIENT', 'LIST');
const SETUSER = one('+acl|setuser', 'ACL', 'SETUSER', 'someone');
const KILL = one('+client|kill', 'CLIENT', 'KILL', 'ID', '1');
// Every user change is re-read by its exact name to check it is the one changed.
const CHECK = one('+acl|getuser', 'ACL', 'GETUSER', 'default');

export const PANE_NEEDS: readonly PaneNeed[] = [
  { pane: 'header', kind: 'read', what: 'check the link (PING)', anyOf: PING, harmless: true },
  { pane: 'header', kind: 'read', what: 'server version and role (INFO)', anyOf: INFO, harmless: true },
  {
    pane: 'header',
    kind: 'read',
    what: 'who the console is (ACL WHOAMI)',
    anyOf: one('+acl|whoami', 'ACL', 'WHOAMI'),
    harmless: true,
  },
  { pane: 'Users', kind: 'read', what: 'users and their rules (ACL LIST)', anyOf: ACL_LIST, harmless: true },
  {
    pane: 'Users',
    kind: 'read',
    what: 'user names at least (ACL USERS)',
    anyOf: [...one('+acl|users', 'ACL', 'USERS'), ...ACL_LIST],
    harmless: true,
  },
  {
    pane: 'Users',
    kind: 'read',
    what: 'risk flags and commands per category (ACL CAT)',
    anyOf: one('+acl|cat', 'ACL', 'CAT'),
    harmless: true,
  },
  {
    pane: 'Users',
    kind: 'read',
    what: 'test a command as a user (ACL DRYRUN)',
    anyOf: one('+acl|dryrun', 'ACL', 'DRYRUN', 'default', 'PING'),
    harmless: true,
  },
  { pane: 'Users', kind: 'read', what: 'clients per user (CLIENT LIST)', anyOf: CLIENT_LIST, harmless: true },
  {
    pane: 'Users',
    kind: 'read',
    what: 'how changes persist (CONFIG GET)',
    anyOf: one('+config|get', 'CONFIG', 'GET', 'aclfile'),
    harmless: true,
  },
  { pane: 'Users', kind: 'action', what: 'create, change, disable users (ACL SETUSER)', anyOf: SETUSER },
  {
    pane: 'Users',
    kind: 'action',
    what: 'delete users (ACL DELUSER)',
    anyOf: one('+acl|deluser', 'ACL', 'DELUSER', 'someone'),
  },
  { pane: 'Users', kind: 'action', what: 'check each change (ACL GETUSER)', anyOf: CHECK },
  {
    pane: 'Users',
    kind: 'action',
    what: 'generate passwords (ACL GENPASS)',
    anyOf: one('+acl|genpass', 'ACL', 'GENPASS'),
  },
  {
    pane: 'Users',
    kind: 'action',
    what: 'save users (ACL SAVE or CONFIG REWRITE)',
    anyOf: [...one('+acl|save', 'ACL', 'SAVE'), ...one('+config|rewrite', 'CONFIG', 'REWRITE')],
  },
  { pane: 'Users', kind: 'action', what: "kill a user's connections (CLIENT KILL)", anyOf: KILL },
  {
    pane: 'ACL Log',
    kind: 'read',
    what: 'the log (ACL LOG)',
    anyOf: one('+acl|log', 'ACL', 'LOG', '0'),
    harmless: true,
  },
  {
    pane: 'ACL Log',
    kind: 'read',
    what: 'the log length (CONFIG GET acllog-max-len)',
    anyOf: one('+config|get', 'CONFIG', 'GET', 'acllog-max-len'),
    harmless: true,
  },
  { pane: 'ACL Log', kind: 'read', what: 'server restarts (INFO)', anyOf: INFO, harmless: true },
  { pane: 'ACL Log', kind: 'action', what: 'block a user (ACL SETUSER)', anyOf: SETUSER },
  { pane: 'ACL Log', kind: 'action', what: 'check a block (ACL GETUSER)', anyOf: CHECK },
  { pane: 'ACL Log', kind: 'action', what: 'kill a client (CLIENT KILL)', anyOf: KILL },
  {
    pane: 'ACL Log',
    kind: 'action',
    what: 'reset the log (ACL LOG RESET)',
    anyOf: one('+acl|log', 'ACL', 'LOG', 'RESET'),
  },
  { pane: 'Clients', kind: 'read', what: 'clients (CLIENT LIST)', anyOf: CLIENT_LIST, harmless: true },
  {
    pane: 'Clients',
    kind: 'read',
    what: "the console's own connection (CLIENT ID)",
    anyOf: one('+client|id', 'CLIENT', 'ID'),
    harmless: true,
  },
  { pane: 'Clients', kind: 'read', what: 'user highlights (ACL LIST)', anyOf: ACL_LIST, harmless: true },
  { pane: 'Clients', kind: 'action', what: 'kill clients (CLIENT KILL)', anyOf: KILL },
  // The audit's read is AUDITOR_RULE (src/redis/auditor-grants.ts; a test keeps these equal to
  // AUDITOR_GRANTS less the header's +ping/+acl|whoami and the cluster's +cluster|nodes).
  {
    pane: 'Audit',
    kind: 'read',
    what: 'the settings (CONFIG GET)',
    anyOf: one('+config|get', 'CONFIG', 'GET', 'maxmemory'),
    harmless: true,
  },
  {
    pane: 'Audit',
    kind: 'read',
    what: 'users and their password hashes, matched offline (ACL LIST)',
    anyOf: ACL_LIST,
    harmless: true,
  },
  {
    pane: 'Audit',
    kind: 'read',
    what: 'dangerous commands per user (ACL DRYRUN)',
    anyOf: one('+acl|dryrun', 'ACL', 'DRYRUN', 'default', 'PING'),
    harmless: true,
  },
  {
    pane: 'Audit',
    kind: 'read',
    what: 'the server, its version and role (INFO)',
    anyOf: INFO,
    harmless: true,
  },
  {
    pane: 'Audit',
    kind: 'read',
    what: 'loaded modules (MODULE LIST)',
    anyOf: one('+module|list', 'MODULE', 'LIST'),
    harmless: true,
  },
  {
    pane: 'Audit',
    kind: 'action',
    what: 'apply a setting fix (CONFIG SET)',
    anyOf: one('+config|set', 'CONFIG', 'SET', 'acllog-max-len', '1024'),
  },
  { pane: 'Audit', kind: 'action', what: 'apply a user fix (ACL SETUSER)', anyOf: SETUSER },
  { pane: 'Audit', kind: 'action', what: 'check a user fix (ACL GETUSER)', anyOf: CHECK },
  {
    pane: 'Audit',
    kind: 'action',
    what: 'keep a fix (ACL SAVE or CONFIG REWRITE)',
    anyOf: [...one('+acl|save', 'ACL', 'SAVE'), ...one('+config|rewrite', 'CONFIG', 'REWRITE')],
  },
  // The wizard, inspect and the live check read local files or do a TLS handshake of their own:
  // no command. Loading renewed files into a running server is CONFIG SET tls-cert-file ...
  {
    pane: 'Certs',
    kind: 'action',
    what: 'load new certificate files into the running server (CONFIG SET)',
    anyOf: one('+config|set', 'CONFIG', 'SET', 'tls-cert-file', 'x'),
  },
];

/** "+acl|save or +config|rewrite": what to grant for one need. */
export const grantOf = (need: PaneNeed): string => need.anyOf.map((a) => a.grant).join(' or ');
