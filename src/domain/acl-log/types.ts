// The ACL LOG model shared by the tail's feed, its pane, the capture and `redis-warden tail`.
// Every string here came from a server and may hold any bytes an attacker chose (a failed
// AUTH's username, a key name): escape with toDisplay() before it reaches a terminal.

/** One entry of `ACL LOG` as the server returns it. */
export interface AclLogEntry {
  /** How many times this entry happened (Redis groups repeats into one entry). */
  count: number;
  /** auth | command | key | channel (anything else is kept as sent). */
  reason: string;
  /** toplevel | multi | lua | module. */
  context: string;
  /** The command, key or channel denied; "AUTH" for auth failures. */
  object: string;
  username: string;
  ageSeconds: number;
  /** The raw client-info line (`id=... addr=... name=... cmd=...`). */
  clientInfo: string;
  /** Redis 7.2+: a unique id per entry. */
  entryId?: number;
  /** Redis 7.2+: ms epoch. */
  timestampCreated?: number;
  /** Redis 7.2+: ms epoch of the last repeat. */
  timestampLastUpdated?: number;
}

/** The client-info fields the tail shows; the rest stay in `clientInfo`. */
export interface ClientSummary {
  id?: string;
  addr?: string;
  laddr?: string;
  name?: string;
  user?: string;
  cmd?: string;
}

/** One new violation (or a run of identical ones) as the console saw it. */
export interface AclLogEvent {
  /** Node id, e.g. 10.0.0.5:6379. */
  node: string;
  /** Identity of the server entry it came from (stable across polls). */
  key: string;
  reason: string;
  context: string;
  object: string;
  username: string;
  clientInfo: string;
  client: ClientSummary;
  /**
   * How many violations this record stands for: a new entry's count, or the increase of a
   * known entry's count since the last poll. The sum over records is the number of events.
   */
  count: number;
  /** ms epoch: when the entry was first created (server clock on 7.2+, else estimated from its age). */
  firstSeen: number;
  /** ms epoch: when this increase was observed (7.2+: the server's last-updated time). */
  lastSeen: number;
  /**
   * Set on the first poll of a node: the entry was already in the server's log when the tail
   * started, so `count` is the entry's whole count, not new violations (the capture
   * de-duplicates these against what it already holds, by `key` and `count`).
   */
  history?: boolean;
}

/** Something the tail must say rather than guess about. */
export interface TailNotice {
  node: string;
  kind: 'gap' | 'reset' | 'restart' | 'error' | 'recovered';
  at: number;
  /**
   * For a gap or a reset: at least this many events were lost (7.2+: entry ids never seen).
   * Absent when events may have been lost but the server gives no way to count them (7.0).
   */
  lost?: number;
  /** One line for the operator, with the fix where there is one. */
  text: string;
}
