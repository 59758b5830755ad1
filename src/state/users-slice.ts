// The Users pane's data: every ACL user of the target, read from its first ready node,
// with what the console could not read said plainly rather than shown as empty.
import type { AclUnion } from '../domain/acl/per-node.js';
import type { RiskFlag } from '../domain/acl/risk.js';
import type { AclUser, CommandUniverse } from '../domain/acl/types.js';
import type { PubsubDefault } from '../domain/acl/rules-context.js';
import type { Explained } from '../redis/errors.js';

export interface UserRow {
  name: string;
  /** Absent when the console may only list names (ACL USERS without ACL LIST). */
  user?: AclUser;
  /** The raw ACL LIST line (password hashes inside: masked unless revealed). */
  line?: string;
  /** Connected clients now, from CLIENT LIST (absent when not permitted). */
  clients?: number;
  risks: RiskFlag[];
  /** Nodes of a cluster where this user is missing or different. */
  drift: string[];
  /** Nodes that have this user, when not every node read has it. */
  where?: string[];
  /** By risk flag id: the nodes where it holds, when not on every node read. */
  riskNodes?: Record<string, string[]>;
  /** A change to it was sent and its reply lost: the rules here are not known to be current. */
  unknown?: boolean;
}

export type UserSort = 'name' | 'clients' | 'risk' | 'status';

export interface DryRunResult {
  command: string;
  allowed?: boolean;
  reason?: string;
  error?: string;
}

export interface UsersSlice {
  status: 'idle' | 'loading' | 'ready' | 'error';
  rows: UserRow[];
  /** Node the list was read from. */
  node?: string;
  nodes?: number;
  /** Every node's users (the model the drift view reads); absent on one server. */
  union?: AclUnion;
  /** "ACL drift: 2 users on 2 nodes" whenever there is any (shown in the header). */
  driftHeadline?: string;
  loadedAt?: number;
  /** Why the list could not be read at all. */
  error?: Explained;
  /** What the console could not read (ACL LIST, ACL CAT, CLIENT LIST, CONFIG GET): said, not hidden. */
  limits?: string[];
  universe?: CommandUniverse;
  /** The server's acl-pubsub-default; absent when it could not be read (pubsubNote says so). */
  pubsubDefault?: PubsubDefault;
  pubsubNote?: string;
  me?: string;
  persistence?:
    { mode: 'aclfile' | 'config'; path: string } | { mode: 'none' } | { mode: 'unknown'; reason: string };
  /** Users changed since the last ACL SAVE / CONFIG REWRITE: lost on restart. */
  unsaved: boolean;
  sort: { by: UserSort; reverse: boolean };
  /** The user open in the detail view. */
  open?: string;
  /** Reveal password hashes in the raw line (on request only). */
  reveal?: boolean;
  /** The permissions explorer's selected category. */
  category?: number;
  tests?: Record<string, DryRunResult[]>;
  /** Users whose state is unknown (a change's reply was lost) until a re-read shows them. */
  unsure?: string[];
  /** The drift view's last sync: running, then its per-step, per-node results. */
  sync?: SyncReport;
}

export interface SyncReport {
  running: boolean;
  lines: string[];
  tone: 'info' | 'ok' | 'warning' | 'danger';
}
