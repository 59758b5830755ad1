// `redis-warden acl show USER` and `acl test USER CMD ARGS...`: one user laid out (rules,
// risks, what each category lets it run) and ACL DRYRUN, headless.
import { byCategory, effectiveOfText } from '../domain/acl/effective.js';
import { riskFlags } from '../domain/acl/risk.js';
import type { AclSelector, AclUser, CommandUniverse } from '../domain/acl/types.js';
import { hexBytes } from '../domain/bytes.js';
import { toDisplay } from '../domain/display.js';
import { redactArgs } from '../domain/redact.js';
import { commandUniverse, dryRun, getUser } from '../redis/acl.js';
import { explain } from '../redis/errors.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { errorText, refusedError, withAcl } from './acl-session.js';
import type { AclFlags } from './acl-session.js';
import { driftLines } from './acl-drift.js';
import { refusal, unionJson } from './acl-list.js';
import { readAclUnion } from '../ops/acl-nodes.js';
import type { AclUnion, UnionUser } from '../domain/acl/per-node.js';
import { print, printJson } from './output.js';

/** `%R~ro:*` → read, `%W~w:*` → write, `~x` / `%RW~x` → both. */
export function splitKeys(keys: readonly string[]) {
  const out = { readWrite: [] as string[], read: [] as string[], write: [] as string[] };
  for (const k of keys) {
    const m = /^%(RW|WR|R|W)~(.*)$/is.exec(k);
    const access = m ? (m[1] ?? 'RW').toUpperCase() : 'RW';
    const pattern = m ? (m[2] ?? '') : k.replace(/^~/, '');
    if (access === 'R') out.read.push(pattern);
    else if (access === 'W') out.write.push(pattern);
    else out.readWrite.push(pattern);
  }
  return out;
}

// Key patterns and channels also as hex (their exact bytes), in the same shape.
const hexKeys = (keys: readonly string[]) => {
  const k = splitKeys(keys);
  return { readWrite: k.readWrite.map(hexBytes), read: k.read.map(hexBytes), write: k.write.map(hexBytes) };
};

const selectorJson = (s: AclSelector) => ({
  keys: splitKeys(s.keys),
  keysHex: hexKeys(s.keys),
  channels: s.channels,
  channelsHex: s.channels.map(hexBytes),
  commands: s.commands,
});

function keysText(keys: readonly string[]): string {
  const k = splitKeys(keys);
  const parts = [
    k.readWrite.length ? `read+write ${k.readWrite.join(' ')}` : '',
    k.read.length ? `read-only ${k.read.join(' ')}` : '',
    k.write.length ? `write-only ${k.write.join(' ')}` : '',
  ].filter(Boolean);
  return parts.join('; ') || 'none (no key is reachable)';
}

const shown = (s: string) => toDisplay(s);

/** "nodes: the same on all 6" or, where they differ, acl drift's lines for this user. */
function nodesLines(u: UnionUser, union: AclUnion, universe?: CommandUniverse): string[] {
  if (!u.differs) return [`  nodes      the same on ${union.nodes.length - union.unreadable.length} nodes`];
  return [
    '  nodes      DIFFER',
    ...driftLines(u, union, universe)
      .slice(1)
      .map((l) => `  ${l}`),
  ];
}

export async function aclShow(
  ctx: CommandContext,
  name: string,
  flags: AclFlags & { showHashes?: boolean },
): Promise<number> {
  return withAcl(ctx, flags, async (s) => {
    let user: AclUser | undefined;
    try {
      user = await getUser(s.node, name);
    } catch (err) {
      throw refusedError('ACL GETUSER', err, s.target.secrets, '+acl|getuser', s.me);
    }
    let universe;
    try {
      universe = await commandUniverse(s.node);
    } catch (err) {
      ctx.warn(`${refusal('ACL CAT', err, s.target.secrets, '+acl|cat')}: no per-category counts`);
    }
    // Users are per node: on a cluster, where the user is and how each node differs.
    const union = s.target.nodeIds().length > 1 ? await readAclUnion(s.target, universe) : undefined;
    const here = union?.users.find((u) => u.name === name);
    for (const u of union?.unreadable ?? [])
      ctx.warn(toDisplay(`Warning: could not read the users of ${u.node}: ${u.error}`));
    // Not on the read node but on another: shown as most nodes that have it hold it.
    user ??= here?.variants[0]?.user;
    if (!user) throw new UsageError(`no user "${name}"`);
    const risks = here ? here.risks.map((r) => r.flag) : riskFlags(user, universe);
    const categories = universe
      ? byCategory(effectiveOfText(user.commands, universe), universe).map((c) => ({
          category: c.category,
          allowed: c.allowed.length,
          total: c.allowed.length + c.denied.length,
        }))
      : undefined;
    if (flags.json) {
      printJson({
        name: user.name,
        nameHex: hexBytes(user.name),
        enabled: user.enabled,
        nopass: user.nopass,
        flags: user.flags,
        passwords: user.passwords.length,
        ...(flags.showHashes && { hashes: user.passwords }),
        keys: splitKeys(user.keys),
        keysHex: hexKeys(user.keys),
        channels: user.channels,
        channelsHex: user.channels.map(hexBytes),
        commands: user.commands,
        selectors: user.selectors.map(selectorJson),
        risks: risks.map((r) => ({ id: r.id, severity: r.severity, detail: r.detail })),
        categories: categories ?? null,
        ...(here && { nodes: unionJson(here) }),
      });
      return 0;
    }
    const pw = user.nopass
      ? 'nopass: any password, or none, logs in'
      : `${user.passwords.length} password${user.passwords.length === 1 ? '' : 's'}`;
    const lines = [
      `User ${shown(user.name)}${s.me === user.name ? ' (this console)' : ''}`,
      `  flags      ${shown(user.flags.join(' '))}`,
      `  passwords  ${pw}`,
      ...(flags.showHashes ? user.passwords.map((h) => `             #${h}`) : []),
      `  keys       ${shown(keysText(user.keys))}`,
      `  channels   ${shown(user.channels.join(' ') || 'none')}`,
      `  commands   ${shown(user.commands)}`,
      `  selectors  ${user.selectors.length || 'none'}`,
      ...user.selectors.map(
        (sel, i) =>
          `    ${i + 1}. keys ${shown(keysText(sel.keys))}; channels ${shown(sel.channels.join(' ') || 'none')}; commands ${shown(sel.commands)}`,
      ),
      `  risks      ${risks.length || 'none'}`,
      ...risks.map((r) => `    [${r.severity}] ${shown(r.detail)}`),
      ...(union && here ? nodesLines(here, union, universe) : []),
    ];
    if (categories) {
      lines.push('  allowed commands per category');
      for (const c of categories) lines.push(`    @${c.category.padEnd(14)} ${c.allowed}/${c.total}`);
    }
    print(lines.join('\n'));
    return 0;
  });
}

export async function aclTest(
  ctx: CommandContext,
  name: string,
  command: string[],
  flags: AclFlags,
): Promise<number> {
  if (!command.length || !command[0])
    throw new UsageError('acl test: give a command to test, e.g. acl test alice GET k');
  return withAcl(ctx, flags, async (s) => {
    let result;
    try {
      result = await dryRun(s.node, name, command);
    } catch (err) {
      const e = explain(err, s.target.secrets);
      if (e.code === 'SEC003') throw refusedError('ACL DRYRUN', err, s.target.secrets, '+acl|dryrun', s.me);
      throw new UsageError(`acl test: ${errorText(err, s.target.secrets)}`);
    }
    const [cmd = '', ...args] = command;
    if (flags.json) {
      // The command's own arguments may be secrets (AUTH, ACL SETUSER >pw): masked as the journal does.
      printJson({
        user: name,
        command: [cmd, ...redactArgs(cmd, args)],
        allowed: result.allowed,
        reason: result.allowed ? null : result.reason,
      });
    } else print(result.allowed ? 'allowed' : `denied: ${shown(result.reason)}`);
    return result.allowed ? 0 : 1;
  });
}
