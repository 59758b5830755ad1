// `redis-warden acl export`: the server's users as an ACL file Redis can load (the
// `user NAME rules...` lines of an aclfile, passwords as #sha256). It holds hashes, so
// --out writes it 0600 and never over an existing file unless asked.
import { aclFileBytes, formatAclFile } from '../domain/acl/acl-file.js';
import { userFromListLine } from '../domain/acl/rules.js';
import { toDisplay } from '../domain/display.js';
import { UserFileError, writeUserFile } from '../fs/user-files.js';
import { drifted } from '../domain/acl/per-node.js';
import { readAclUnion } from '../ops/acl-nodes.js';
import { listUserLines } from '../redis/acl.js';
import type { ReadNode } from '../redis/read-node.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { refusedError, withAcl } from './acl-session.js';
import type { AclFlags, AclSession } from './acl-session.js';
import { print } from './output.js';

export interface ExportFlags extends AclFlags {
  out?: string;
  force?: boolean;
  /** The node to export from; required on a cluster whose nodes differ. */
  from?: string;
}

/**
 * Which node's users to export. Nodes may hold different users (Redis does not propagate
 * them): an export is what a later `acl apply --prune` makes every node equal to, so
 * exporting the majority would quietly delete a user that only one node has (maybe its only
 * copy, after a failover). Where nodes differ, or one could not be read, the operator says
 * which node with --from; where they agree, any node is the same.
 */
async function exportNode(s: AclSession, from: string | undefined): Promise<ReadNode> {
  if (from !== undefined) {
    const node = s.target.node(from);
    if (!node)
      throw new UsageError(
        toDisplay(`--from ${from}: not a node of this target (its nodes: ${s.target.nodeIds().join(', ')})`),
      );
    return node;
  }
  if (s.target.nodeIds().length < 2) return s.node;
  const union = await readAclUnion(s.target);
  const off = drifted(union).map((u) => u.name);
  if (!off.length && !union.unreadable.length) return s.node;
  const why = [
    ...(off.length ? [`the users differ between nodes (${off.join(', ')}; see acl drift)`] : []),
    ...(union.unreadable.length ? [`could not read ${union.unreadable.map((u) => u.node).join(', ')}`] : []),
  ];
  throw new UsageError(toDisplay(`not exported: ${why.join('; ')}. Say which node to export: --from NODE`));
}

function writePrivate(path: string, bytes: Uint8Array, force: boolean): void {
  // A new 0600 file takes the name (an older copy may have been readable by others); a link,
  // FIFO or directory at that name is refused, never written through.
  try {
    writeUserFile(path, bytes, { mode: 0o600, overwrite: force });
  } catch (err) {
    if (!(err instanceof UserFileError)) throw err;
    if (err.errno === 'EEXIST')
      throw new UsageError(`${toDisplay(path)} exists: pass --force to overwrite it`);
    throw new UsageError(`${toDisplay(path)} ${err.reason}`);
  }
}

export async function aclExport(ctx: CommandContext, flags: ExportFlags): Promise<number> {
  return withAcl(ctx, flags, async (s) => {
    const node = await exportNode(s, flags.from);
    let lines: string[];
    try {
      lines = await listUserLines(node);
    } catch (err) {
      throw refusedError('ACL LIST', err, s.target.secrets, '+acl|list', s.me);
    }
    const text = formatAclFile(lines.map(userFromListLine));
    const count = lines.length;
    if (flags.out) {
      writePrivate(flags.out, aclFileBytes(text), Boolean(flags.force));
      ctx.warn(
        `Wrote ${count} user${count === 1 ? '' : 's'} to ${toDisplay(flags.out)} (mode 0600; it holds password hashes).`,
      );
      return 0;
    }
    // Raw bytes are what a pipe or a redirect needs to load the file back; a terminal gets
    // the escaped form, since a username may hold escape sequences.
    if (process.stdout.isTTY && toDisplay(text.replace(/\n/g, '')) !== text.replace(/\n/g, '')) {
      ctx.warn(
        'Warning: some names hold control characters: shown escaped; use --out FILE for a loadable file.',
      );
      print(
        text
          .split('\n')
          .map((l) => toDisplay(l))
          .join('\n'),
      );
    } else process.stdout.write(aclFileBytes(text));
    return 0;
  });
}
