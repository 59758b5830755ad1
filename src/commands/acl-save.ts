// `redis-warden acl save`: make ACL changes survive a restart, the way this server keeps
// its users: ACL SAVE to the aclfile, or CONFIG REWRITE into the config file. A server
// with neither loses them, and the operator is told so rather than shown "saved".
import { toDisplay } from '../domain/display.js';
import { aclPersistence } from '../redis/acl.js';
import type { AclPersistence } from '../redis/acl.js';
import { describeResult } from '../ops/mutation.js';
import { runOperation } from '../ops/operations/run.js';
import type { CommandContext } from './context.js';
import { errorText, withAcl } from './acl-session.js';
import type { AclFlags, AclSession } from './acl-session.js';
import { print } from './output.js';

async function persistenceOf(s: AclSession): Promise<AclPersistence> {
  try {
    return await aclPersistence(s.node);
  } catch (err) {
    return { mode: 'unknown', reason: errorText(err, s.target.secrets) };
  }
}

/** What the operator must do next so the change outlives a restart. */
export async function persistenceReminder(s: AclSession): Promise<string> {
  const p = await persistenceOf(s);
  switch (p.mode) {
    case 'aclfile':
      return `Not saved yet: the users are in ${toDisplay(p.path)} only after ACL SAVE: run ACL SAVE (redis-warden acl save --yes).`;
    case 'config':
      return `Not saved yet: run CONFIG REWRITE (redis-warden acl save --yes) to write the users into ${toDisplay(p.path)}.`;
    case 'none':
      return 'Warning: this server has no aclfile and no config file: these changes are lost on restart.';
    default:
      return `Could not tell how ACL changes persist: ${toDisplay(p.reason)}`;
  }
}

export async function aclSaveCommand(
  ctx: CommandContext,
  flags: AclFlags & { yes?: boolean },
): Promise<number> {
  return withAcl(ctx, flags, async (s) => {
    const p = await persistenceOf(s);
    if (p.mode === 'none') {
      ctx.warn(
        'Cannot save: this server has no aclfile and no config file, so ACL changes are lost on restart. Set aclfile in redis.conf (and restart), then run acl save.',
      );
      return 2;
    }
    if (p.mode === 'unknown') {
      ctx.warn(`Cannot save: ${toDisplay(p.reason)}`);
      return 2;
    }
    const nodes = s.target.nodeIds().length;
    const what = p.mode === 'aclfile' ? `ACL SAVE (to ${p.path})` : `CONFIG REWRITE (into ${p.path})`;
    const r = await runOperation(
      { id: p.mode === 'aclfile' ? 'acl.save' : 'config.rewrite', params: {} },
      { target: s.target, env: s.env, confirmed: Boolean(flags.yes) },
    );
    if (r.status === 'needs-confirmation') {
      ctx.warn(
        toDisplay(
          `Would run ${what} on ${nodes} node${nodes === 1 ? '' : 's'}. Run again with --yes to do it.`,
        ),
      );
      return 1; // not done, needs --yes: the one rule (README: Exit codes)
    }
    const text = toDisplay(describeResult(r));
    if (r.status === 'done') print(text);
    else ctx.warn(text);
    return r.status === 'done' ? 0 : r.status === 'refused' ? 2 : 1;
  });
}
