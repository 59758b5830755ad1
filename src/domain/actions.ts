// The one table of journal action ids. Every change the console makes is journaled under
// one of these ids, whether a pane, a headless command or (later) a flow made it: an audit
// trail with two names for one action cannot be searched. WriteContext and MutationPlan
// accept only these ids, and test/domain/actions.test.ts fails on an id written elsewhere.
// Pure data, on the ground floor, so every layer (redis/ included) can name its type.

export interface ActionInfo {
  /** What the operator did, for the README's table. */
  description: string;
  /** The key bindings (`users.save`) that run it in the TUI. */
  keys: readonly string[];
  /** The headless commands (`acl save`) that run it. */
  commands: readonly string[];
  /** A record of what the console did (evidence taken), not a change: no operation runs it. */
  record?: true;
}

export const ACTIONS = {
  'acl.create-user': {
    description: 'Create a user (ACL SETUSER of a new name, on every node)',
    keys: ['users.new'],
    commands: ['acl apply', 'acl create'],
  },
  'acl.setuser': {
    description: "Change a user's rules: edit, disable/enable, block, passwords (ACL SETUSER, every node)",
    keys: ['users.edit', 'users.toggle', 'users.password', 'log.kill'],
    commands: ['acl apply', 'acl setuser', 'acl disable', 'acl enable', 'acl rotate'],
  },
  'acl.deluser': {
    description: 'Delete a user (ACL DELUSER, every node)',
    keys: ['users.delete'],
    commands: ['acl apply --prune', 'acl delete'],
  },
  'acl.save': {
    description: 'Persist the users to the aclfile (ACL SAVE)',
    keys: ['users.save'],
    commands: ['acl save'],
  },
  'config.rewrite': {
    description: 'Persist the users to the config file (CONFIG REWRITE), when there is no aclfile',
    keys: ['users.save'],
    commands: ['acl save'],
  },
  'config.set': {
    description: 'Change a setting online (CONFIG SET): an audit fix, kept by CONFIG REWRITE',
    keys: ['audit.fix'],
    commands: [],
  },
  'tls.reload': {
    description:
      'Load renewed TLS files without a restart (CONFIG SET tls-cert-file tls-key-file), then a handshake',
    keys: ['certs.reload'],
    commands: ['certs renew --reload'],
  },
  'acl.log-reset': {
    description: "Reset the server's ACL LOG (after capturing it)",
    keys: ['log.reset'],
    commands: [],
  },
  'client.kill': {
    description: 'Kill clients by id (CLIENT KILL ID on their node)',
    keys: ['clients.kill', 'clients.killAddr', 'log.kill'],
    commands: ['clients kill'],
  },
  'client.kill-user': {
    description: "Kill a user's connections (every node)",
    keys: ['clients.killUser', 'users.toggle'],
    commands: ['clients kill --username', 'acl kill', 'acl disable --kill'],
  },
  'client.kill-net': {
    description: 'Kill the clients connected from a network (CIDR): CLIENT KILL ID of each one shown',
    keys: [],
    commands: [],
  },
  'replication.stop': {
    description: 'Stop following a (rogue) master: REPLICAOF NO ONE on one node',
    keys: [],
    commands: [],
  },
  'module.unload': {
    description: 'Unload a module (MODULE UNLOAD on one node)',
    keys: [],
    commands: [],
  },
  'config.restore-persistence': {
    description: 'Put dir and dbfilename back (CONFIG SET on one node), to the values the operator confirms',
    keys: [],
    commands: [],
  },
  'incident.evidence': {
    description: "An incident's evidence was taken (a record, not a change: the manifest's SHA-256)",
    keys: [],
    commands: ['incident start', 'incident monitor', 'incident keyspace'],
    record: true,
  },
  'profile.add': { description: 'Add a profile', keys: ['profiles.new'], commands: ['profiles add'] },
  'profile.edit': {
    description: 'Change a profile',
    keys: ['profiles.edit'],
    commands: ['profiles add --replace'],
  },
  'profile.remove': {
    description: 'Delete a profile',
    keys: ['profiles.delete'],
    commands: ['profiles remove'],
  },
  'profile.default': {
    description: 'Make a profile the default',
    keys: ['profiles.default'],
    commands: ['profiles default'],
  },
} as const satisfies Record<string, ActionInfo>;

export type ActionId = keyof typeof ACTIONS;

export const ACTION_IDS = Object.keys(ACTIONS) as ActionId[];

export function isActionId(id: string): id is ActionId {
  return Object.hasOwn(ACTIONS, id);
}
