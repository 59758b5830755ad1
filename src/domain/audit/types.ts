// The audit's model (issue 14), the part src/redis/audit-read.ts fills: what was read from
// each node (NodeFacts: one read per node, shared by every check). Copied from the lead's draft
// (briefs/audit-types.ts) with the same field names; the checks' types join it at the merge.
// Pure: nothing here reaches a server.

/** One thing read from a node, or why it could not be read. */
export type Read<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** The server's words, or the console's (timeout, not connected), already free of secrets. */
      error: string;
      /** NOPERM: the grant that would let the auditor read it (`+config|get`). */
      grant?: string;
    };

/** What `CONFIG GET` holds that is a secret: only whether it is set and its length, never the value. */
export interface SecretSetting {
  set: boolean;
  /** Characters; undefined when it is not set. */
  length?: number;
}

/** An ACL user as ACL LIST gives it (names in surrogate-escape form, see domain/bytes.ts). */
export interface AuditUser {
  name: string;
  enabled: boolean;
  nopass: boolean;
  /** SHA-256 hex of each password: matched offline against the common-password list, never shown. */
  passwords: string[];
  /** The ACL LIST line with hashes masked, for evidence. */
  rules: string;
  /** Key patterns, channel patterns and command rules of the root selector. */
  keys: string[];
  channels: string[];
  commands: string;
}

/**
 * ACL DRYRUN of one command as one user: allowed, denied (with the server's words), or an error
 * (e.g. `ERR Command 'FLUSHALL' not found` where rename-command took it away). DRYRUN judges
 * the rules only: a disabled (`off`) user gets the answer it would get once turned on.
 */
export type DryRun = 'allowed' | { denied: string } | { error: string };

/** The commands the audit asks ACL DRYRUN about, per user (issue 14: Commands). */
export const PROBED_COMMANDS = [
  ['FLUSHALL'],
  ['FLUSHDB'],
  ['CONFIG', 'SET', 'maxmemory', '0'],
  ['DEBUG', 'SLEEP', '0'],
  ['MODULE', 'LOAD', '/nonexistent.so'],
  ['SHUTDOWN'],
  ['REPLICAOF', 'NO', 'ONE'],
  ['MIGRATE', '127.0.0.1', '1', 'k', '0', '1'],
  ['RESTORE', 'k', '0', 'x'],
  ['KEYS', '*'],
  ['EVAL', 'return 1', '0'],
  ['MONITOR'],
] as const;

// Commands whose second word is a subcommand with its own ACL name (`config|set`).
const CONTAINERS = new Set(['CONFIG', 'MODULE']);

/** The key of a probed command in NodeFacts.dryrun: `FLUSHALL`, `CONFIG SET`, `MODULE LOAD`. */
export function probedKey(command: readonly string[]): string {
  const [name = '', sub] = command;
  return CONTAINERS.has(name) && sub !== undefined ? `${name} ${sub}` : name;
}

export interface LoadedModule {
  name: string;
  version?: string;
  path?: string;
  args?: string[];
}

/** The certificate the node presented in a TLS handshake from the console. */
export interface PresentedCert {
  subject: string;
  issuer: string;
  serial: string;
  notBefore: string; // ISO
  notAfter: string; // ISO
  dnsNames: string[];
  ipAddresses: string[];
  /** Extended key usages by name: serverAuth, clientAuth; [] when the extension is absent (any use). */
  extKeyUsage: string[];
  /** The chain verified against the profile's CA (or the system store when none). */
  chainOk: boolean;
  chainError?: string;
  /** The server asked for a client certificate (tls-auth-clients yes or optional). */
  asksForClientCert?: boolean;
}

/** Everything the checks judge, read once per node. */
export interface NodeFacts {
  /** `host:port` as the Target names it. */
  node: string;
  host: string;
  port: number;
  /** The console reached this node over TLS. */
  tls: boolean;
  /** Could the console talk to it at all; when not, every check is unknown with this reason. */
  reachable: Read<true>;
  /** INFO (all sections), lower-case section names. */
  info: Read<Record<string, Record<string, string>>>;
  /** CONFIG GET * minus the secret settings (requirepass, masterauth, tls-*-pass: removed). */
  config: Read<Record<string, string>>;
  requirepass: Read<SecretSetting>;
  masterauth: Read<SecretSetting>;
  users: Read<AuditUser[]>;
  /** Per user name, per PROBED_COMMANDS[i][0] (+ subcommand, e.g. `CONFIG SET`): the answer. */
  dryrun: Read<Record<string, Record<string, DryRun>>>;
  modules: Read<LoadedModule[]>;
  /** A fresh connection with no credentials: did PING answer (open) or NOAUTH (closed)? */
  unauthenticated: Read<'open' | 'noauth'>;
  /** A handshake on the node's TLS port, when it has one. */
  certificate?: Read<PresentedCert>;
  /** Where the journal knows when each user's passwords last changed (ISO), by user name. */
  passwordChanged?: Record<string, string>;
}
