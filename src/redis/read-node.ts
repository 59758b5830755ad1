// What panes, commands and ops get from a node: a handle that reads. Its call/callBuffer send
// only the commands below, each of which answers without changing anything (no data, config,
// user, persistence file, log or other client touched). Everything else is a write and goes
// through the mutation path (runServerWrite -> writeOn in src/redis/command.ts), which fences,
// classifies and journals it. An allowlist, not a denylist: a command nobody thought about
// is refused, not sent.
import type { Explained } from './errors.js';
import type { ServerFacts } from './parse/info.js';

export type Arg = string | number | Buffer;

export type NodeState = 'connecting' | 'ready' | 'reconnecting' | 'failed' | 'closed';

export interface NodeStatus {
  id: string;
  state: NodeState;
  /** When the state last changed (ms epoch). */
  since: number;
  /** Last time the node answered anything (ms epoch). */
  lastOkAt?: number;
  attempt: number;
  /** Why it is failed or reconnecting; or a warning while ready (e.g. NOPERM on INFO). */
  error?: Explained;
  server?: ServerFacts;
  whoami?: string;
}

export interface ReadNode {
  readonly id: string;
  readonly status: NodeStatus;
  /** Sends a read now; a write is refused before anything is sent (WriteOnReadHandle). */
  call(command: string, args?: readonly Arg[]): Promise<unknown>;
  /** Like call, but bulk strings come back as Buffers (server strings that may not be UTF-8). */
  callBuffer(command: string, args?: readonly Arg[]): Promise<unknown>;
  /** This link's client id on the server (CLIENT ID), asked once per link. */
  ownClientId(): Promise<string | undefined>;
  /** The local end of the link (`ip:port`). */
  localAddress(): string | undefined;
  /** Why a node that never became ready has not answered, when its links say. */
  noAnswer(): Explained | undefined;
}

/**
 * Commands whose every form is a read. SCAN, TYPE, PTTL and TTL are the incident evidence's
 * bounded sample of key names (issue 16); STRLEN and GETRANGE read the first bytes of a short
 * string to tell a cron/SSH payload (src/domain/incident/payload.ts). GETRANGE is bounded by its
 * own arguments, unlike GET, so a huge value is never pulled whole; none of them changes a key
 * (GETDEL, GETEX and GETSET do, and stay off the list).
 */
const WHOLE = new Set([
  'PING',
  'INFO',
  'ROLE',
  'TIME',
  'DBSIZE',
  'LASTSAVE',
  'SCAN',
  'TYPE',
  'PTTL',
  'TTL',
  'STRLEN',
  'GETRANGE',
]);

/**
 * Container commands and their subcommands that read ('' is the bare command). ACL GENPASS
 * only returns random bytes; ACL LOG is a read only with no argument or a count (RESET clears it).
 */
const SUBCOMMANDS: Record<string, ReadonlySet<string>> = {
  ACL: new Set(['LIST', 'GETUSER', 'USERS', 'WHOAMI', 'CAT', 'LOG', 'DRYRUN', 'GENPASS']),
  CLIENT: new Set(['LIST', 'INFO', 'ID', 'GETNAME']),
  CONFIG: new Set(['GET']),
  CLUSTER: new Set(['NODES', 'INFO', 'MYID', 'SHARDS', 'SLOTS']),
  COMMAND: new Set(['', 'INFO', 'DOCS', 'COUNT', 'LIST']),
  SLOWLOG: new Set(['GET', 'LEN']),
  MODULE: new Set(['LIST']),
  // FUNCTION LIST [WITHCODE]: the libraries (evidence of a FUNCTION LOAD); LOAD, DELETE,
  // FLUSH and RESTORE change them.
  FUNCTION: new Set(['LIST']),
  MEMORY: new Set(['STATS', 'USAGE', 'DOCTOR']),
  LATENCY: new Set(['LATEST', 'HISTORY', 'DOCTOR']),
};

const word = (a: Arg | undefined): string =>
  a === undefined ? '' : (Buffer.isBuffer(a) ? a.toString('latin1') : String(a)).toUpperCase();

/** Whether `command args...` only reads (case-insensitive, as Redis reads command names). */
export function isRead(command: string, args: readonly Arg[] = []): boolean {
  const name = command.toUpperCase();
  if (WHOLE.has(name)) return true;
  const sub = word(args[0]);
  if (!SUBCOMMANDS[name]?.has(sub)) return false;
  if (name === 'ACL' && sub === 'LOG')
    return args.length === 1 || (args.length === 2 && /^\d+$/.test(word(args[1])));
  return true;
}

// Names only, never the arguments: they may hold a password (ACL SETUSER u >pw, AUTH).
const safe = (w: string): string | undefined => (/^[A-Z][A-Z0-9|_-]{0,39}$/.test(w) ? w : undefined);

/** "ACL SETUSER", "CONFIG SET", "ACL LOG RESET": what was refused, without its arguments. */
function nameOf(command: string, args: readonly Arg[]): string {
  const name = safe(command.toUpperCase()) ?? 'a command';
  if (!(command.toUpperCase() in SUBCOMMANDS) || args.length === 0) return name;
  const sub = safe(word(args[0]));
  if (!sub) return name;
  const third = sub === 'LOG' && args.length > 1 ? safe(word(args[1])) : undefined;
  return [name, sub, ...(third ? [third] : [])].join(' ');
}

/** A programming error: code sent a write through a read handle. Nothing was sent. */
export class WriteOnReadHandle extends Error {
  override readonly name = 'WriteOnReadHandle';
  readonly code = 'WRITE_ON_READ_HANDLE';
  constructor(command: string, args: readonly Arg[]) {
    super(
      `${nameOf(command, args)} was not sent: a node handle sends only reads (src/redis/read-node.ts); writes go through the mutation path (runServerWrite, then writeOn in src/redis/command.ts), which journals them`,
    );
  }
}

/** Throws WriteOnReadHandle unless `command args...` only reads. */
export function assertRead(command: string, args: readonly Arg[] = []): void {
  if (!isRead(command, args)) throw new WriteOnReadHandle(command, args);
}
