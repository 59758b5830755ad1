// An ACL file as the desired state of `acl plan` / `acl apply`: read, parsed and checked
// in full, locally and then against the server's commands and categories, before anything
// is planned. Every error is printed as FILE:LINE: message (passwords redacted, text
// escaped) so one run shows all of them, and an invalid file never reaches a write.
import { readFileSync } from 'node:fs';
import { aclFileText, parseAclFile } from '../domain/acl/acl-file.js';
import { planAcl } from '../domain/acl/plan.js';
import type { AclPlan, DesiredUser } from '../domain/acl/plan.js';
import { userFromListLine, validateAgainstServer } from '../domain/acl/rules.js';
import type { AclUser, CommandUniverse } from '../domain/acl/types.js';
import { toDisplay } from '../domain/display.js';
import { commandUniverse, listUserLines, whoami } from '../redis/acl.js';
import type { NodeConnection } from '../redis/node.js';
import { UsageError } from './context.js';
import { refusedError } from './acl-session.js';
import type { AclSession } from './acl-session.js';

/** The file is invalid: its errors were printed already. */
export class InvalidFileError extends UsageError {}

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

/** Reads and parses the whole file; any error stops here (exit 2). */
export function loadDesired(file: string, warn: (l: string) => void): DesiredUser[] {
  let text: string;
  try {
    // Bytes, as Redis reads the file: a name that is not UTF-8 names exactly that user.
    text = aclFileText(readFileSync(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code}`);
  }
  const parsed = parseAclFile(text);
  if (parsed.errors.length) fail(file, parsed.errors, warn, 'not a valid ACL file');
  // Redis accepts these, so they do not stop the plan; they are said before it.
  for (const w of parsed.warnings) warn(`Warning: ${where(file, w)}`);
  return parsed.users.map((u) => ({
    name: u.name,
    line: u.line,
    tokens: u.tokens,
    ...(u.refusedSince72 ? { refusedSince72: u.refusedSince72 } : {}),
  }));
}

export interface ServerState {
  current: AclUser[];
  universe: CommandUniverse;
}

/** ACL LIST and the command universe of one node: both are needed to plan. */
export async function readServer(
  node: NodeConnection,
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
  return { current: lines.map(userFromListLine), universe };
}

/** Redis 7.2 or newer by its INFO redis_version (Valkey 8 says 7.2.4); unknown counts as newer. */
const since72 = (version: string | undefined): boolean => {
  const [major = 0, minor = 0] = (version ?? '').split('.').map(Number);
  return version === undefined || major > 7 || (major === 7 && minor >= 2);
};

/**
 * Rules this server does not know (`+nosuch`, `+client|setinfo` on 7.0), and lines only 7.0
 * loads when the server is newer (or its version unknown): exit 2, all named.
 */
export function checkAgainstServer(
  file: string,
  desired: readonly DesiredUser[],
  universe: CommandUniverse,
  warn: (l: string) => void,
  version?: string,
): void {
  const errors = desired.flatMap((d) => [
    ...validateAgainstServer(d.tokens, universe).map((e) => ({ line: d.line ?? 0, message: e.message })),
    ...(since72(version) ? (d.refusedSince72 ?? []).map((message) => ({ line: d.line ?? 0, message })) : []),
  ]);
  if (errors.length) fail(file, errors, warn, 'not valid on this server');
}

/** planAcl on the server's users (the domain compares them as Redis enforces them). */
export function planAgainst(
  desired: readonly DesiredUser[],
  current: readonly AclUser[],
  opts: { prune?: boolean; universe: CommandUniverse },
): AclPlan {
  return planAcl(desired, current, opts);
}

export interface Planned {
  desired: DesiredUser[];
  state: ServerState;
  plan: AclPlan;
  me?: string;
}

/** File -> checks -> plan against the session's read node. */
export async function planFile(
  s: AclSession,
  file: string,
  desired: DesiredUser[],
  opts: { prune?: boolean },
  warn: (l: string) => void,
): Promise<Planned> {
  const state = await readServer(s.node, s.target.secrets, s.me);
  checkAgainstServer(file, desired, state.universe, warn, s.node.status.server?.version);
  let me = s.me;
  if (me === undefined) me = await whoami(s.node).catch(() => undefined);
  const plan = planAgainst(desired, state.current, { prune: opts.prune, universe: state.universe });
  return { desired, state, plan, me };
}
