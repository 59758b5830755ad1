// The audit's model (issue 14): what was read from each node (facts), the checks as data, and
// what they found. Pure: src/redis/audit-read.ts fills NodeFacts (one read per node, shared by
// every check); src/domain/audit/* judges them; src/ops/audit.ts runs it over a Target; the
// pane and `redis-warden audit` show the report. Nothing here reaches a server.

export const LEVELS = ['basic', 'standard', 'high', 'paranoid'] as const;
export type Level = (typeof LEVELS)[number];
/** What a node reaches: the highest level whose checks all pass, or 'none' (below Basic). */
export type Reached = Level | 'none';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** unknown: could not be known (a permission, an unreachable node, a condition); never a pass or a fail. */
export type Status = 'pass' | 'fail' | 'warn' | 'unknown';

export const AREAS = [
  'access',
  'network',
  'commands',
  'tls',
  'persistence',
  'limits',
  'software',
  'replication',
] as const;
export type Area = (typeof AREAS)[number];

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
  /** The ACL LIST line after `user <name>`, hashes masked, for evidence (ruleLine adds the name). */
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

/**
 * The key a probe is filed under in NodeFacts.dryrun: the command, plus the subcommand for
 * container commands (`CONFIG SET`, `MODULE LOAD`); `FLUSHALL`, `DEBUG`, `EVAL` otherwise.
 */
export function probeKey(argv: readonly string[]): string {
  const [cmd = '', sub] = argv;
  return (cmd === 'CONFIG' || cmd === 'MODULE') && sub ? `${cmd} ${sub}` : cmd;
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

/** What a check saw: the command and the value (secrets redacted, server strings raw: escape at the edge). */
export interface Evidence {
  command: string;
  value: string;
}

/**
 * An online fix `f` can apply: an operation of src/ops/operations (its id and its exact params,
 * no secret), then a re-run: `{ id: action, params }` parses with parseOperation (a test holds
 * every fix a check can make to it), and fixOperations in src/ops/audit.ts makes it one.
 */
export interface OnlineFix {
  /** The operation's id in src/domain/actions.ts: 'config.set', 'acl.setuser', 'acl.save', 'config.rewrite'. */
  action: string;
  params: Record<string, unknown>;
  /** What the confirmation says, e.g. "CONFIG SET protected-mode yes on 10.0.0.3:6379". */
  summary: string;
}

export interface Fix {
  /** One line: what to do. */
  text: string;
  /** Commands to run (redis-cli form). */
  commands?: string[];
  /** redis.conf lines to paste. */
  conf?: string[];
  /** ACL file lines to paste. */
  acl?: string[];
  /** Applicable online by the console (`f`); absent when it needs a restart or a file edit. */
  online?: OnlineFix[];
  /** It takes a restart to take effect. */
  restart?: boolean;
}

export interface Finding {
  status: Status;
  /** One line, what was found ("default has nopass: anyone connecting is a full admin"). */
  detail: string;
  evidence: Evidence[];
  fix?: Fix;
  /** For unknown: what kept it from being known, and the grant that would settle it. */
  unknown?: { reason: string; grant?: string };
  /** What it names: users, commands, modules, CVE ids... */
  subjects?: string[];
}

export interface AuditContext {
  now: Date;
  /** What the report names as audited (a profile, `host:port`). */
  target: string;
  /** Part of a cluster (or has replicas): tls-cluster / tls-replication apply. */
  cluster: boolean;
  /** The CVE table and its date (data/cves.json). */
  cves: CveTable;
  /** SHA-256 hex of the common-password list (data/common-passwords.txt). */
  weakHashes: ReadonlySet<string>;
  /** Where that list comes from, for the report. */
  passwordList: { name: string; count: number; source: string };
  /**
   * Users allowed the dangerous commands, `&*` and scripting (`--admin NAME`). Default: the
   * user literally named `admin` and the console's own user (consoleUser).
   */
  admins: readonly string[];
  /** The user the console audits as; an admin by default. */
  consoleUser?: string;
  /**
   * Every node of the Target (`host:port`): a replica's master_host:master_port must be one of
   * them or of expectedMasters. buildReport fills it from the facts when it is absent.
   */
  knownNodes?: readonly string[];
  /** Masters outside the Target that replicas may follow (`host:port`). */
  expectedMasters?: readonly string[];
}

export interface CheckDef {
  /** Stable: `AUTH-001`, `NET-002`, ... (never renumbered: CI pipelines name them). */
  id: string;
  title: string;
  area: Area;
  /** The maturity level that requires it. */
  level: Level;
  severity: Severity;
  /** The seed section it comes from, e.g. "Security Checklist > Development > Enable protected-mode". */
  seed: string;
  /** Why it sits at that level (the seed's table or checklist, or where the seed is silent). */
  why: string;
  /** Per node: judges that node's facts. */
  check?: (facts: NodeFacts, ctx: AuditContext) => Finding;
  /** Across nodes (cluster): judges every node's facts at once; the finding is the cluster's. */
  checkAll?: (facts: readonly NodeFacts[], ctx: AuditContext) => Finding;
}

/** What cannot be seen from inside Redis (a firewall, backup encryption): listed, never counted. */
export interface ManualItem {
  id: string;
  level: Level;
  title: string;
  /** What to check, by hand. */
  how: string;
  seed: string;
}

/** A finding with what the catalogue says of its check (so a report stands on its own). */
export interface CheckResult
  extends Finding, Pick<CheckDef, 'id' | 'title' | 'area' | 'level' | 'severity' | 'seed'> {
  /** The node it is about; undefined for a cluster-wide check. */
  node?: string;
}

export interface NodeReport {
  node: string;
  reached: Reached;
  results: CheckResult[];
  /** Why the node could not be read (unreachable, silent): its checks are all unknown. */
  unreachable?: string;
}

export interface NextLevel {
  level: Level;
  /** The node(s) held below it: the lowest nodes of a cluster. */
  nodes: string[];
  /** The failing or unknown checks of that level, each with its fix or its missing grant. */
  needs: CheckResult[];
}

export interface AuditReport {
  at: string;
  target: string;
  /** Counts per status over every result (nodes and cluster). */
  counts: Record<Status, number>;
  nodes: NodeReport[];
  /** Checks across nodes. */
  cluster: CheckResult[];
  /** The lowest node's level. */
  reached: Reached;
  next?: NextLevel;
  manual: ManualItem[];
  /** The seed's checklist (Development / Staging / Production), each box from the checks. */
  checklist: ChecklistBox[];
  cveTable: { date: string; sources: string[] };
  passwordList: { name: string; count: number; source: string };
}

export interface ChecklistBox {
  stage: 'Development' | 'Staging' | 'Production';
  /** The seed's words, e.g. "Set requirepass". */
  item: string;
  /**
   * ticked (every check behind it passes), warned (none fails, one warns: e.g. no record of a
   * rotation), crossed (one fails), unknown, or by hand.
   */
  state: 'ticked' | 'warned' | 'crossed' | 'unknown' | 'manual';
  checks: string[];
}

export interface CveEntry {
  id: string;
  ghsa?: string;
  severity: Severity;
  /** The CNA/GHSA score; `nvd` where NVD's differs (it is sometimes PR:N for bugs that need auth). */
  cvss?: number;
  nvd?: number;
  cvssVersion?: string;
  summary: string;
  /** Reachable without authentication (a pre-auth bug). */
  unauthenticated: boolean;
  /** The Lua family: mitigated when no enabled user can run EVAL/EVALSHA/FUNCTION/SCRIPT. */
  scripting?: boolean;
  /** The ACL rule or setting that mitigates it (`-@scripting` for every user), when one does. */
  mitigation?: { text: string; aclCategory?: string; commands?: string[] };
  /** First affected version. */
  since?: string;
  /**
   * Per release line (`7.2`): the first fixed version; null: affected, no fix on that line;
   * `n/a`: not affected; `?`: not judged (no source). A line newer than every listed one had
   * the fix at GA; an older unlisted one is not judged.
   */
  fixed: Record<string, string | null>;
  sources: string[];
  notes?: string;
}

/** One product's table (Redis, or Valkey's own). */
export interface CveLines {
  date: string;
  sources: string[];
  /** Lines without support on that date (7.0 and older, 8.0). */
  endOfLife: string[];
  /** Lines that get only some fixes (a warn, not a failure). */
  maintenance?: string[];
  /** Lines older than this one are end-of-life too (`6.2`). */
  oldestSupported: string;
  cves: CveEntry[];
}

export interface CveTable extends CveLines {
  notes?: string;
  /** Valkey's own table, when the data has one; without it Valkey is not judged (a warn). */
  valkey?: CveLines;
}
