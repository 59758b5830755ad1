// The Clients pane's model: one connected client as CLIENT LIST describes it, on the node
// that listed it. src/redis/parse/client-list.ts fills it; src/domain/clients/* reasons about it.

/** One client of one node. Strings are as the server sent them (invalid bytes surrogate-escaped). */
export interface ClientInfo {
  /** The node that listed it (NodeConnection id, e.g. `127.0.0.1:6379`). */
  node: string;
  /** Decimal, as Redis prints it (64-bit: kept a string). */
  id: string;
  /** `ip:port` as the server sees the client (`/path:0` on a unix socket). */
  addr: string;
  laddr: string;
  fd: number;
  name: string;
  /** Seconds since it connected. */
  age: number;
  /** Seconds since its last command. */
  idle: number;
  /** Flag letters (`N`, `M`, `S`, `P`, `x`, `b`, ...); `decodeFlags` names them. */
  flags: string;
  db: number;
  sub: number;
  psub: number;
  /** Sharded subscriptions (7.0.3+); 0 when the server does not say. */
  ssub: number;
  /** Commands queued in MULTI, -1 outside one. */
  multi: number;
  qbuf: number;
  qbufFree: number;
  argvMem: number;
  multiMem: number;
  obl: number;
  oll: number;
  /** Output buffer memory (bytes). */
  omem: number;
  /** Total memory of the client (bytes). */
  totMem: number;
  events: string;
  /** Last command, `client|list` style for subcommands. */
  cmd: string;
  user: string;
  redir: number;
  resp: number;
  /** 7.2+ CLIENT SETINFO; '' when unset or older. */
  libName: string;
  libVer: string;
  /** Fields this version does not know (7.4+ `watch`, 8.0 `io-thread`, ...), kept as printed. */
  extra: Readonly<Record<string, string>>;
}

/** What the Clients pane and `redis-warden clients` can group by. */
export type ClientGroupBy = 'user' | 'addr' | 'cmd';
