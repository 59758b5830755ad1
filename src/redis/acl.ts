// ACL reads on one node and ACL writes on every node of a Target. Reads return the shared
// ACL model, never raw replies; writes go through writeOnEach so each one is journaled
// (redacted) and never replayed, and their per-node outcomes come back unchanged.
import type { AclUser, CommandUniverse } from '../domain/acl/types.js';
import { userMismatch } from '../domain/acl/verify.js';
import type { UserExpectation } from '../domain/acl/verify.js';
import { decodeServerBytes } from '../domain/bytes.js';
import { writeOnEach } from './command.js';
import type { WriteContext, WriteOutcome } from './command.js';
import { explain, needsHint } from './errors.js';
import type { ReadNode } from './read-node.js';
import {
  buildUniverse,
  explainDryRunError,
  parseAclCat,
  parseClientUsers,
  parseConfigGet,
  parseDryRun,
  parseGetUser,
} from './parse/acl.js';
import type { DryRunResult } from './parse/acl.js';
import { infoText, parseInfo } from './parse/info.js';
import type { Target } from './target.js';

export type { DryRunResult } from './parse/acl.js';
export { afterSetUser } from '../domain/acl/verify.js';
export type { UserExpectation } from '../domain/acl/verify.js';

/** Where ACL changes go when the server restarts. */
export type AclPersistence =
  /** ACL SAVE writes the users to this file. */
  | { mode: 'aclfile'; path: string }
  /** No aclfile, but a config file: CONFIG REWRITE writes the users into it. */
  | { mode: 'config'; path: string }
  /** Neither: ACL changes are lost on restart. */
  | { mode: 'none' }
  /** The console's user may not ask (NOPERM on CONFIG GET or INFO). */
  | { mode: 'unknown'; reason: string };

const str = (reply: unknown, what: string): string => {
  if (typeof reply !== 'string') throw new Error(`${what}: expected a string`);
  return reply;
};

// Replies that carry names and patterns are read as bytes and decoded losslessly
// (src/domain/bytes.ts): a name that is not UTF-8 keeps every byte, so the command that
// acts on it later names the same user.
const serverText = (reply: unknown, what: string): string => {
  if (Buffer.isBuffer(reply)) return decodeServerBytes(reply);
  return str(reply, what);
};

const serverTexts = (reply: unknown, what: string): string[] => {
  if (!Array.isArray(reply)) throw new Error(`${what}: expected an array of strings`);
  return reply.map((v) => serverText(v, what));
};

/** ACL USERS: the one ACL read a least-privilege monitor user is granted. */
export async function listUserNames(node: ReadNode): Promise<string[]> {
  return serverTexts(await node.callBuffer('ACL', ['USERS']), 'ACL USERS');
}

/** ACL LIST lines as the server prints them. They hold password hashes: callers mask them. */
export async function listUserLines(node: ReadNode): Promise<string[]> {
  return serverTexts(await node.callBuffer('ACL', ['LIST']), 'ACL LIST');
}

/** ACL GETUSER; undefined when the server has no such user. */
export async function getUser(node: ReadNode, name: string): Promise<AclUser | undefined> {
  return parseGetUser(name, await node.callBuffer('ACL', ['GETUSER', name]));
}

/**
 * The re-read after a user change (the pane, the ACL Log's "Block user", `acl apply`): ACL
 * GETUSER of the exact name on one node that answered OK, judged by domain/acl/verify.ts.
 * Resolves to undefined when the change is there, else what differs; runServerWrite
 * (src/ops/mutation.ts) turns that into a failure.
 */
export function checkUser(
  target: Target,
  name: string,
  expected: UserExpectation,
): (node: string) => Promise<string | undefined> {
  return async (id) => {
    const node = target.node(id);
    if (!node) throw new Error(`node ${id} is not part of this target`);
    return userMismatch(name, expected, await getUser(node, name));
  };
}

export async function whoami(node: ReadNode): Promise<string> {
  return serverText(await node.callBuffer('ACL', ['WHOAMI']), 'ACL WHOAMI');
}

/** Every category and its commands, as this server (its version, its modules) knows them. */
export async function commandUniverse(node: ReadNode): Promise<CommandUniverse> {
  const categories = parseAclCat(await node.call('ACL', ['CAT']));
  const replies = await Promise.all(categories.map((c) => node.call('ACL', ['CAT', c])));
  return buildUniverse(new Map(categories.map((c, i) => [c, replies[i]])));
}

/**
 * Would `user` be allowed to run `command`? Runs nothing. An unknown user or command is an
 * error from Redis; it is rethrown saying which, since "not found" alone does not.
 */
export async function dryRun(
  node: ReadNode,
  user: string,
  command: readonly string[],
): Promise<DryRunResult> {
  const [name, ...args] = command;
  if (name === undefined || name.length === 0) throw new Error('ACL DRYRUN needs a command to test');
  let reply: unknown;
  try {
    reply = await node.callBuffer('ACL', ['DRYRUN', user, name, ...args]);
  } catch (err) {
    const known = explainDryRunError(err instanceof Error ? err.message : '', user, name);
    // No `cause`: ioredis hangs the command's args on its error, and DRYRUN args may be secret.
    // eslint-disable-next-line preserve-caught-error
    if (known !== undefined) throw new Error(known);
    throw err;
  }
  return parseDryRun(reply);
}

/** ACL GENPASS: a random password from the server's CSPRNG (256 bits unless `bits`). */
export async function genPass(node: ReadNode, bits?: number): Promise<string> {
  return str(await node.call('ACL', bits === undefined ? ['GENPASS'] : ['GENPASS', bits]), 'ACL GENPASS');
}

/** Connected clients per user (CLIENT LIST; 7.0 has no CLIENT LIST USER filter). */
export async function clientsPerUser(node: ReadNode): Promise<Map<string, number>> {
  return parseClientUsers(serverText(await node.callBuffer('CLIENT', ['LIST']), 'CLIENT LIST'));
}

/** Would an ACL change survive a restart, and what makes it persist (ACL SAVE or CONFIG REWRITE)? */
export async function aclPersistence(node: ReadNode): Promise<AclPersistence> {
  const ask = async <T>(what: string, run: () => Promise<T>): Promise<T | { denied: string }> => {
    try {
      return await run();
    } catch (err) {
      const e = explain(err);
      if (e.code !== 'SEC003') throw err;
      return {
        denied: `${what} is not permitted for this user (SEC003 ${e.message}${needsHint(e)}): cannot tell whether ACL changes survive a restart`,
      };
    }
  };
  const aclfile = await ask(
    'CONFIG GET aclfile',
    async () => parseConfigGet(await node.call('CONFIG', ['GET', 'aclfile'])).get('aclfile') ?? '',
  );
  if (typeof aclfile !== 'string') return { mode: 'unknown', reason: aclfile.denied };
  if (aclfile.length > 0) return { mode: 'aclfile', path: aclfile };
  const configFile = await ask('INFO server', async () => {
    const info = parseInfo(infoText(await node.callBuffer('INFO', ['server'])));
    return info.server?.config_file ?? '';
  });
  if (typeof configFile !== 'string') return { mode: 'unknown', reason: configFile.denied };
  return configFile.length > 0 ? { mode: 'config', path: configFile } : { mode: 'none' };
}

// Plaintext passwords in the rules (`>pw`, `<pw`) are secrets of this write even when the
// caller forgot to say so: Redis echoes a `<pw` it does not know in its error. Very short
// ones would shred ordinary words of the message; the pattern rules in redact cover those.
function ruleSecrets(args: readonly string[]): string[] {
  return args.filter((a) => /^[<>]/.test(a) && a.length > 3).map((a) => a.slice(1));
}

/** One ACL SETUSER with every rule: Redis applies all of them or none. */
export async function setUser(
  target: Target,
  ctx: WriteContext,
  name: string,
  args: readonly string[],
  only?: readonly string[],
): Promise<WriteOutcome[]> {
  const secrets = [...(ctx.secrets ?? []), ...ruleSecrets(args)];
  return writeOnEach(target, { ...ctx, secrets }, 'ACL', ['SETUSER', name, ...args], only);
}

/** ACL DELUSER; each node replies with how many of `names` it deleted. */
export async function delUser(
  target: Target,
  ctx: WriteContext,
  names: readonly string[],
  only?: readonly string[],
): Promise<WriteOutcome[]> {
  if (names.length === 0) throw new Error('ACL DELUSER needs at least one user name');
  return writeOnEach(target, ctx, 'ACL', ['DELUSER', ...names], only);
}

/** ACL SAVE: persists the users to the aclfile (an error when the server has none). */
export async function aclSave(
  target: Target,
  ctx: WriteContext,
  only?: readonly string[],
): Promise<WriteOutcome[]> {
  return writeOnEach(target, ctx, 'ACL', ['SAVE'], only);
}

/** CONFIG REWRITE: persists the users into the config file when there is no aclfile. */
export async function configRewrite(
  target: Target,
  ctx: WriteContext,
  only?: readonly string[],
): Promise<WriteOutcome[]> {
  return writeOnEach(target, ctx, 'CONFIG', ['REWRITE'], only);
}

/**
 * CLIENT KILL USER: drops every connection of `name`; each ok reply is the number killed on
 * that node. The console's own connection is spared (SKIPME defaults to yes).
 */
export async function killUserClients(
  target: Target,
  ctx: WriteContext,
  name: string,
): Promise<WriteOutcome[]> {
  return writeOnEach(target, ctx, 'CLIENT', ['KILL', 'USER', name]);
}
