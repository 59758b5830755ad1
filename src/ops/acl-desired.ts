// An ACL file as the desired state of `acl plan` / `acl apply`: read, parsed and checked
// in full, locally and then against the server's commands and categories, before anything
// is planned. Every error is printed as FILE:LINE: message (passwords redacted, text
// escaped) so one run shows all of them, and an invalid file never reaches a write.
import { aclFileText, aclLineTokens, scanAclFile } from '../domain/acl/acl-file.js';
import { planNodes } from '../domain/acl/per-node-plan.js';
import type { NodePlan } from '../domain/acl/per-node-plan.js';
import { planAcl, planIsEmpty, usersAfter } from '../domain/acl/plan.js';
import { lockoutRisks } from '../domain/acl/lockout.js';
import type { AclPlan, DesiredUser } from '../domain/acl/plan.js';
import { userFromListLine } from '../domain/acl/rules.js';
import { DEFAULT_PUBSUB, pubsubAssumed, since72 } from '../domain/acl/rules-context.js';
import type { PubsubDefault } from '../domain/acl/rules-context.js';
import { checkOnServer } from '../domain/acl/rules-fresh.js';
import type { AclRuleToken, AclUser, CommandUniverse } from '../domain/acl/types.js';
import { toDisplay } from '../domain/display.js';
import { MiB, readUserFile, UserFileError } from '../fs/user-files.js';
import { commandUniverse, listUserLines, whoami } from '../redis/acl.js';
import { pubsubDefault } from '../redis/config-get.js';
import type { ReadNode } from '../redis/read-node.js';
import type { Target } from '../redis/target.js';
import { readNodeAcls } from './acl-nodes.js';
import { InputError, refusedError } from './input-error.js';
import type { MutationEnv } from './mutation.js';

/** The file is invalid: its errors were printed already. */
export class InvalidFileError extends InputError {}

/**
 * What a plan, apply or sync runs with: a headless command's session (commands/acl-session)
 * or the console's open target (state/actions/users-sync).
 */
export interface AclOps {
  target: Target;
  /** The node reads come from (its universe and acl-pubsub-default check the desired state). */
  node: ReadNode;
  /** Nodes that were not ready when the operation started. */
  failed: { id: string }[];
  env: MutationEnv;
  /** The console's own user (ACL WHOAMI), when known. */
  me?: string;
  /** Waits (within a bound) for nodes that were ready and dropped, so a re-read reads them. */
  settle(): Promise<void>;
}

export interface FileError {
  line: number;
  message: string;
}

const where = (file: string, e: FileError) =>
  // The domain's messages start with "line N: "; the FILE:LINE prefix says that already.
  `${toDisplay(file)}:${e.line}: ${e.message.replace(/^line \d+: /, '')}`;

function fail(file: string, errors: FileError[], warn: (l: string) => void, what: string): never {
  for (const e of [...errors].sort((a, b) => a.line - b.line)) warn(where(file, e));
  throw new InvalidFileError(
    `${toDisplay(file)} is ${what}: ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was changed`,
  );
}

/** 64 MiB: six times a 10 MB file of 443 users; a FIFO, a device or more is refused (exit 2). */
export const MAX_ACL_FILE = 64 * MiB;

// Kept tokens: the longest line's, the costliest to parse again (a file of one big user is
// parsed once), and the last line's, read twice in a row by planAcl. At most two users' tokens
// however many users the file has.
type Kept = { content: string; tokens: AclRuleToken[] } | undefined;
let longest: Kept;
let last: Kept;
const keep = (content: string, tokens: AclRuleToken[]) => {
  last = { content, tokens };
  if (content.length > (longest?.content.length ?? -1)) longest = last;
  return tokens;
};

/**
 * A file's user whose tokens are parsed again when they are read, from its line: a big file
 * then holds its text and a user's tokens, not every token object (~170 bytes per key
 * pattern, over ten times the file) from the first check to the last word of the plan.
 */
function lazyUser(name: string, line: number, content: string, refusedSince72?: string[]): DesiredUser {
  return {
    name,
    line,
    ...(refusedSince72 ? { refusedSince72 } : {}),
    get tokens() {
      if (longest?.content === content) return longest.tokens;
      if (last?.content === content) return last.tokens;
      return keep(content, aclLineTokens(content));
    },
  };
}

/** Reads and parses the whole file; any error stops here (exit 2). */
export function loadDesired(file: string, warn: (l: string) => void): DesiredUser[] {
  let text: string;
  try {
    // Bytes, as Redis reads the file: a name that is not UTF-8 names exactly that user.
    text = aclFileText(readUserFile(file, { maxBytes: MAX_ACL_FILE, noun: 'an ACL file' }));
  } catch (err) {
    if (!(err instanceof UserFileError)) throw err;
    throw new InputError(`the ACL file ${toDisplay(file)} ${err.reason}`);
  }
  longest = last = undefined;
  const users: DesiredUser[] = [];
  const parsed = scanAclFile(text, (u, content) => {
    keep(content, u.tokens);
    users.push(lazyUser(u.name, u.line, content, u.refusedSince72));
  });
  if (parsed.errors.length) fail(file, parsed.errors, warn, 'not a valid ACL file');
  // Redis accepts these, so they do not stop the plan; they are said before it.
  for (const w of parsed.warnings) warn(`Warning: ${where(file, w)}`);
  return users;
}

export interface ServerState {
  current: AclUser[];
  universe: CommandUniverse;
  /** The server's acl-pubsub-default, or Redis's default when it could not be read. */
  pubsubDefault: PubsubDefault;
  /** Why pubsubDefault is assumed, when it is. */
  pubsubAssumed?: string;
}

/** ACL LIST and the command universe of one node: both are needed to plan. */
export async function readServer(
  node: ReadNode,
  secrets: readonly string[],
  me?: string,
): Promise<ServerState> {
  const need = async <T>(what: string, perm: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw refusedError(what, err, secrets, perm, me);
    }
  };
  const lines = await need('ACL LIST', '+acl|list', () => listUserLines(node));
  const universe = await need('ACL CAT', '+acl|cat', () => commandUniverse(node));
  const pubsub = await need('CONFIG GET', '+config|get', () => pubsubDefault(node));
  const current = lines.map(userFromListLine);
  if (pubsub !== undefined) return { current, universe, pubsubDefault: pubsub };
  const why = 'CONFIG GET is not permitted for this user (grant +config|get to check for the real one)';
  return { current, universe, pubsubDefault: DEFAULT_PUBSUB, pubsubAssumed: pubsubAssumed(why) };
}

/**
 * Rules this server does not know (`+nosuch`, `+client|setinfo` on 7.0), or refuses for its
 * acl-pubsub-default (`&x` on a new user with allchannels), and lines only 7.0 loads when the
 * server is newer (or its version unknown): exit 2, all named.
 */
export function checkAgainstServer(
  file: string,
  desired: readonly DesiredUser[],
  state: Pick<ServerState, 'universe' | 'pubsubDefault'>,
  warn: (l: string) => void,
  version?: string,
): void {
  const errors = desired.flatMap((d) => [
    ...checkOnServer(d.tokens, state.universe, state.pubsubDefault).map((e) => ({
      line: d.line ?? 0,
      message: e.message,
    })),
    ...(since72(version) ? (d.refusedSince72 ?? []).map((message) => ({ line: d.line ?? 0, message })) : []),
  ]);
  if (errors.length) fail(file, errors, warn, 'not valid on this server');
}

/** planAcl on the server's users (the domain compares them as Redis enforces them). */
export function planAgainst(
  desired: readonly DesiredUser[],
  current: readonly AclUser[],
  opts: { prune?: boolean; universe: CommandUniverse; pubsubDefault: PubsubDefault },
): AclPlan {
  return planAcl(desired, current, opts);
}

export interface Planned {
  desired: DesiredUser[];
  /** The read node's state (its universe and acl-pubsub-default check the file). */
  state: ServerState;
  /** The read node's plan. */
  plan: AclPlan;
  /** Every node that could be read, each planned against its own users (absent: `plan` alone). */
  nodes?: NodePlan[];
  /** Nodes whose users could not be read, with why: their plan is unknown. */
  unreadable?: { node: string; error: string }[];
  me?: string;
}

/** File -> checks -> plan against the session's read node. */
export async function planFile(
  s: AclOps,
  file: string,
  desired: DesiredUser[],
  opts: { prune?: boolean },
  warn: (l: string) => void,
): Promise<Planned> {
  const state = await readServer(s.node, s.target.secrets, s.me);
  if (state.pubsubAssumed) warn(`Warning: ${state.pubsubAssumed}`);
  checkAgainstServer(file, desired, state, warn, s.node.status.server?.version);
  let me = s.me;
  if (me === undefined) me = await whoami(s.node).catch(() => undefined);
  const how = { prune: opts.prune, universe: state.universe, pubsubDefault: state.pubsubDefault };
  const plan = planAgainst(desired, state.current, how);
  // Users are per node: every other node is read and planned against its own users.
  const others = s.target.nodeIds().length > 1 ? await readNodeAcls(s.target) : [];
  const read = others.flatMap((n) => ('users' in n ? [n] : []));
  const nodes = [
    ...(others.length ? [] : [{ node: s.node.id, current: state.current, plan }]),
    ...planNodes(desired, read, how),
  ];
  // Planned: the kept tokens are not read again (apply's re-check parses afresh).
  longest = last = undefined;
  const unreadable = others.flatMap((n) => ('error' in n ? [n] : []));
  return { desired, state, plan, nodes, unreadable, me };
}

/** Each node's plan: the read node's alone when only it was planned. */
export const nodePlans = (p: Planned): NodePlan[] =>
  p.nodes ?? [{ node: '', current: p.state.current, plan: p.plan }];

/** True when no node needs a change (a node that could not be read is not counted here). */
export const allEmpty = (p: Planned): boolean => nodePlans(p).every((n) => planIsEmpty(n.plan));

/** What could lock the console (or everyone) out, on any node: each node is planned on its own users. */
export function lockoutOf(p: Planned): string[] {
  const risks = nodePlans(p).flatMap((n) =>
    lockoutRisks(p.me, n.current, usersAfter(n.current, n.plan), p.state.universe),
  );
  return [...new Set(risks)];
}
