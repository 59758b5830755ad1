// CONFIG SET as an operation: the audit's online fixes (protected-mode yes, acllog-max-len
// 1024, ...), on the one node a finding is about. Settings that are secrets, or whose change
// could cut the console (or everyone) off the server, are refused here whatever the caller:
// those fixes stay lines to paste, applied by a person who can reach the host.
import { toDisplay } from '../../domain/display.js';
import { configValue } from '../../redis/config-get.js';
import { configSet } from '../../redis/config-set.js';
import { obj, str } from './check.js';
import type { OperationSpec } from './types.js';

/**
 * Why `name` may not be changed online, or undefined. Secrets (requirepass, masterauth: their
 * value would sit in the operation and the journal), where the server listens (bind, port,
 * tls-*, unixsocket*), where it writes files (dir, dbfilename: the classic compromise), and
 * whom it follows (replicaof): each could lock the console out or hand the server away.
 */
export function refusedSetting(name: string): string | undefined {
  const n = name.toLowerCase();
  if (n.includes('pass') || n.includes('auth') || n === 'masteruser' || n === 'primaryuser')
    return 'a secret setting: change it by hand, never through a saved operation';
  if (/^(bind|bind-source-addr|port|unixsocket.*|tls-.*|cluster-announce-.*|cluster-port)$/.test(n))
    return 'where the server listens: changing it online could lock the console out (edit redis.conf, restart)';
  if (/^(dir|dbfilename|appenddirname|appendfilename|logfile|aclfile|pidfile)$/.test(n))
    return 'where the server writes files: change it in redis.conf';
  if (n === 'replicaof' || n === 'slaveof') return 'replication: use REPLICAOF by hand';
  return undefined;
}

const configParams = obj({
  node: str({ nonEmpty: true }),
  name: str({ nonEmpty: true, pattern: /^[a-z0-9-]+$/i, refuse: refusedSetting }),
  // The value as CONFIG SET takes it (one argument: `normal 256mb 128mb 60`, no shell quotes).
  value: str(),
});
type ConfigParams = ReturnType<typeof configParams>;

// A value Redis gives back as set (yes, 1024, resetchannels); `256mb` comes back in bytes and a
// multi-part value normalised, so those are judged by the audit's re-run instead.
const comparable = (v: string) => /^(-?\d+|[a-z-]+)$/i.test(v);

export const setConfig: OperationSpec<ConfigParams> = {
  id: 'config.set',
  params: configParams,
  describe: (p) => `CONFIG SET ${toDisplay(p.name)} ${toDisplay(p.value)} on ${toDisplay(p.node)}`,
  plan: async (p, d) => ({
    action: 'config.set',
    summary: `CONFIG SET ${p.name} ${p.value} on ${p.node}`,
    args: { node: toDisplay(p.node), name: p.name, value: toDisplay(p.value) },
    write: (ctx) => configSet(d.target, ctx, p.name, p.value, [p.node]),
    check: async (id) => {
      const handle = d.target.node(id);
      if (!handle || !comparable(p.value)) return undefined;
      const now = await configValue(handle, p.name);
      if (now === undefined || now.toLowerCase() === p.value.toLowerCase()) return undefined;
      return `CONFIG GET ${p.name} shows ${toDisplay(now)}, not ${toDisplay(p.value)}`;
    },
    reread: d.reread,
  }),
};
