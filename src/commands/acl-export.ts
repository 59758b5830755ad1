// `redis-warden acl export`: the server's users as an ACL file Redis can load (the
// `user NAME rules...` lines of an aclfile, passwords as #sha256). It holds hashes, so
// --out writes it 0600 and never over an existing file unless asked.
import { aclFileBytes, formatAclFile } from '../domain/acl/acl-file.js';
import { userFromListLine } from '../domain/acl/rules.js';
import { toDisplay } from '../domain/display.js';
import { UserFileError, writeUserFile } from '../fs/user-files.js';
import { listUserLines } from '../redis/acl.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { refusedError, withAcl } from './acl-session.js';
import type { AclFlags } from './acl-session.js';
import { print } from './output.js';

export interface ExportFlags extends AclFlags {
  out?: string;
  force?: boolean;
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
    let lines: string[];
    try {
      lines = await listUserLines(s.node);
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
