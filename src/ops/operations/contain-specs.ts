// The incident's containment levers as operations (security-anchors §4.3): stop following a
// rogue master, unload a module, put dir/dbfilename back. Each runs on the one node a finding
// names and is re-read there; each confirmation says the lever's trap, so the operator knows
// what it does not undo.
import { hasRawBytes, rawBytes } from '../../domain/bytes.js';
import { toDisplay } from '../../domain/display.js';
import { configValue } from '../../redis/config-get.js';
import {
  moduleNames,
  moduleUnload,
  readReplication,
  replicaofNoOne,
  setPersistence,
} from '../../redis/contain.js';
import type { WriteOutcome } from '../../redis/command.js';
import { obj, str } from './check.js';
import type { OperationSpec } from './types.js';

const node = str({ nonEmpty: true });

const nodeParams = obj({ node });
type NodeParams = ReturnType<typeof nodeParams>;

/** REPLICAOF NO ONE on a node that follows a master it should not. */
export const stopReplication: OperationSpec<NodeParams> = {
  id: 'replication.stop',
  params: nodeParams,
  describe: (p) =>
    `REPLICAOF NO ONE on ${toDisplay(p.node)}: it stops following its master and becomes a master. ` +
    'It keeps the data it received from that master (check it for planted keys), and whoever sent ' +
    'REPLICAOF can send it again: block that user first',
  plan: async (p, d) => ({
    action: 'replication.stop',
    summary: `REPLICAOF NO ONE on ${p.node}`,
    args: { node: toDisplay(p.node) },
    write: (ctx) => replicaofNoOne(d.target, ctx, p.node),
    check: async (id) => {
      const handle = d.target.node(id);
      if (!handle) return undefined;
      const r = await readReplication(handle);
      if (r.role === 'master') return undefined;
      return `INFO replication shows role:${toDisplay(r.role)}${r.master ? ` following ${toDisplay(r.master)}` : ''}`;
    },
    reread: d.reread,
  }),
};

const moduleParams = obj({ node, name: str({ nonEmpty: true }) });
type ModuleParams = ReturnType<typeof moduleParams>;

/** MODULE UNLOAD of a module a finding names (HeadCrab and P2PInfect load one named like `system`). */
export const unloadModule: OperationSpec<ModuleParams> = {
  id: 'module.unload',
  params: moduleParams,
  describe: (p) =>
    `MODULE UNLOAD ${toDisplay(p.name)} on ${toDisplay(p.node)}. The server refuses it when ` +
    'enable-module-command is no, and a module that exports data types or APIs will not unload: ' +
    'then remove its loadmodule line and restart. Its .so file stays on disk',
  plan: async (p, d) => ({
    action: 'module.unload',
    summary: `MODULE UNLOAD ${p.name} on ${p.node}`,
    args: { node: toDisplay(p.node), name: toDisplay(p.name) },
    write: (ctx) => moduleUnload(d.target, ctx, p.node, p.name),
    check: async (id) => {
      const handle = d.target.node(id);
      if (!handle) return undefined;
      return (await moduleNames(handle)).includes(p.name)
        ? `MODULE LIST still shows ${toDisplay(p.name)}`
        : undefined;
    },
    reread: d.reread,
  }),
};

const persistenceParams = obj({
  node,
  // Absolute: Redis resolves a relative dir against its own working directory, which is the
  // very thing being put back.
  dir: str({ nonEmpty: true, refuse: (v) => (v.startsWith('/') ? undefined : 'must be an absolute path') }),
  dbfilename: str({
    nonEmpty: true,
    refuse: (v) => (v.includes('/') ? 'a file name, not a path (Redis refuses a path)' : undefined),
  }),
});
type PersistenceParams = ReturnType<typeof persistenceParams>;

/** A value as a redis.conf line takes it: quoted, with every byte outside printable ASCII as \xNN. */
export function confValue(value: string): string {
  if (/^[\x21-\x7e]+$/.test(value) && !/["'\\]/.test(value)) return value;
  const bytes = hasRawBytes(value) ? rawBytes(value) : Buffer.from(value, 'utf8');
  const text = [...bytes]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (c === '"' || c === '\\') return `\\${c}`;
      return b >= 0x20 && b < 0x7f ? c : `\\x${b.toString(16).padStart(2, '0')}`;
    })
    .join('');
  return `"${text}"`;
}

/** The redis.conf lines that do what the operation does, for when the server refuses it online. */
export const persistenceLines = (p: PersistenceParams): string[] => [
  `dir ${confValue(p.dir)}`,
  `dbfilename ${confValue(p.dbfilename)}`,
];

// The protected-config refusal says what to do with these exact values.
const withLines = (p: PersistenceParams, outcomes: WriteOutcome[]): WriteOutcome[] =>
  outcomes.map((o) =>
    o.outcome !== 'ok' && o.error.name === 'PROTECTED_CONFIG'
      ? {
          ...o,
          error: {
            ...o.error,
            fix: [`Put these lines in redis.conf, then restart: ${persistenceLines(p).join(' / ')}`],
          },
        }
      : o,
  );

const trimSlash = (s: string) => (s.length > 1 ? s.replace(/\/+$/, '') : s);

/**
 * CONFIG SET dir and dbfilename back to what the operator confirms (never guessed: the config
 * file on the host may have been rewritten too). The one place these two are set online: the
 * general config.set refuses them (config-specs.ts).
 */
export const restorePersistence: OperationSpec<PersistenceParams> = {
  id: 'config.restore-persistence',
  params: persistenceParams,
  describe: (p) =>
    `CONFIG SET dir ${toDisplay(p.dir)} dbfilename ${toDisplay(p.dbfilename)} on ${toDisplay(p.node)}. ` +
    'Refused when enable-protected-configs is no: then put the lines in redis.conf and restart. ' +
    'Run CONFIG REWRITE after, so a restart keeps it; a file already written (authorized_keys, a crontab) stays on the host',
  plan: async (p, d) => ({
    action: 'config.restore-persistence',
    summary: `CONFIG SET dir ${p.dir} dbfilename ${p.dbfilename} on ${p.node}`,
    args: { node: toDisplay(p.node), dir: toDisplay(p.dir), dbfilename: toDisplay(p.dbfilename) },
    write: async (ctx) => withLines(p, await setPersistence(d.target, ctx, p.node, p.dir, p.dbfilename)),
    check: async (id) => {
      const handle = d.target.node(id);
      if (!handle) return undefined;
      const [dir, file] = [await configValue(handle, 'dir'), await configValue(handle, 'dbfilename')];
      const wrong = [
        dir !== undefined && trimSlash(dir) !== trimSlash(p.dir) ? `dir ${toDisplay(dir)}` : '',
        file !== undefined && file !== p.dbfilename ? `dbfilename ${toDisplay(file)}` : '',
      ].filter(Boolean);
      return wrong.length ? `CONFIG GET shows ${wrong.join(', ')}` : undefined;
    },
    reread: d.reread,
  }),
};
