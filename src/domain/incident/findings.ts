// Findings from the evidence (issue 16, security-anchors §4.1): pure, one function per sign of
// a compromise readable from inside Redis, each with its severity, the artefact and excerpt
// that show it, and the containment it suggests as operations (run later through the one
// mutation path; their params are checked by src/ops/operations when they run).
import { suspiciousPath } from '../audit/checks-persistence.js';
import { accessFindings } from './findings-access.js';
import { cite } from './evidence.js';
import type { FindingContext, NodeEvidence } from './evidence.js';
import type { Finding, Severity } from './types.js';
import { SEVERITIES } from './types.js';

/** dir/dbfilename where an RDB write lets an attacker in (the audit's rule, one place). */
function persistence(ev: NodeEvidence): Finding[] {
  const dir = ev.config?.dir;
  const file = ev.config?.dbfilename;
  if (dir === undefined || file === undefined) return [];
  const why = suspiciousPath(dir, file);
  if (!why) return [];
  return [
    {
      kind: 'persistence.path',
      severity: 'critical',
      node: ev.node,
      title: `${why}: the RDB file can be written where it runs or lets someone in`,
      evidence: [cite(ev, 'config', `dir ${dir}; dbfilename ${file}`)],
      suggests: [
        {
          id: 'config.restore-persistence',
          params: { node: ev.node, dir: '/var/lib/redis', dbfilename: 'dump.rdb' },
        },
      ],
    },
  ];
}

function payloadKeys(ev: NodeEvidence): Finding[] {
  const keys = (ev.keys ?? []).filter((k) => k.reason);
  if (keys.length === 0) return [];
  return [
    {
      kind: 'keys.payload',
      severity: 'critical',
      node: ev.node,
      title: `${keys.length} key(s) hold a cron or SSH payload (or are named like one): ${keys
        .slice(0, 5)
        .map((k) => k.name)
        .join(', ')}`,
      evidence: keys
        .slice(0, 20)
        .map((k) =>
          cite(ev, 'keys', `${k.name} (${k.reason})${k.value === undefined ? '' : `: ${k.value}`}`),
        ),
      suggests: [],
    },
  ];
}

function replication(ev: NodeEvidence, ctx: FindingContext): Finding[] {
  const r = ev.info?.replication;
  if (!r) return [];
  const out: Finding[] = [];
  const known = new Set([...ctx.targetNodes, ...ctx.expectedMasters]);
  if (r.role === 'slave' && r.master_host !== undefined) {
    const master = `${r.master_host}:${r.master_port ?? ''}`;
    if (!known.has(master))
      out.push({
        kind: 'replication.rogue-master',
        severity: 'high',
        node: ev.node,
        title: `replicates from ${master}, which is neither a node of the target nor an expected master`,
        evidence: [
          cite(ev, 'info', `role:slave; master_host:${r.master_host}; master_port:${r.master_port}`),
        ],
        suggests: [{ id: 'replication.stop', params: { node: ev.node } }],
      });
  }
  for (const [k, v] of Object.entries(r)) {
    if (!/^slave\d+$/.test(k)) continue;
    const f = Object.fromEntries(v.split(',').map((p) => p.split('=') as [string, string]));
    const replica = `${f.ip}:${f.port}`;
    if (!known.has(replica))
      out.push({
        kind: 'replication.unknown-replica',
        severity: 'high',
        node: ev.node,
        title: `a replica the target does not know is attached: ${replica} (it has a copy of the data)`,
        evidence: [cite(ev, 'info', `${k}:${v}`)],
        suggests: [],
      });
  }
  const fullSyncs = Number(ev.info?.stats?.sync_full ?? 0);
  if (fullSyncs > 0)
    out.push({
      kind: 'replication.sync-full',
      severity: 'medium',
      node: ev.node,
      title: `${fullSyncs} full sync(s) served since the start: check each replica was expected`,
      evidence: [cite(ev, 'info', `sync_full:${fullSyncs}`)],
      suggests: [],
    });
  return out;
}

function modules(ev: NodeEvidence): Finding[] {
  return (ev.modules ?? []).map((m) => {
    const inDir = m.path !== undefined && ev.config?.dir !== undefined && m.path.startsWith(ev.config.dir);
    const rogue = /^(system|exp)$/i.test(m.name) || inDir || /\.so$/i.test(ev.config?.dbfilename ?? '');
    return {
      kind: 'modules.loaded',
      severity: rogue ? 'critical' : 'high',
      node: ev.node,
      title: `module ${m.name} is loaded${m.path ? ` from ${m.path}` : ''}${rogue ? ' (named or placed like a rogue-server module)' : ''}`,
      evidence: [cite(ev, 'modules', `name ${m.name}${m.path ? ` path ${m.path}` : ''}`)],
      suggests: [{ id: 'module.unload', params: { node: ev.node, name: m.name } }],
    };
  });
}

// cmdstat_<name>: a call count above zero is a sign. The console's own reads (CONFIG GET, MODULE
// LIST, FUNCTION LIST) are not: only the subcommands that change something count.
const WATCHED: Record<string, Severity> = {
  'config|set': 'high',
  'config|rewrite': 'medium',
  'config|resetstat': 'medium',
  'module|load': 'critical',
  'module|loadex': 'critical',
  'module|unload': 'high',
  replicaof: 'high',
  slaveof: 'high',
  eval: 'medium',
  evalsha: 'medium',
  eval_ro: 'medium',
  evalsha_ro: 'medium',
  fcall: 'medium',
  'function|load': 'high',
  'function|restore': 'high',
  flushall: 'high',
  flushdb: 'high',
  debug: 'high',
};

function commandStats(ev: NodeEvidence): Finding[] {
  const stats = ev.info?.commandstats ?? {};
  const out: Finding[] = [];
  for (const [key, value] of Object.entries(stats)) {
    const name = key.replace(/^cmdstat_/, '').toLowerCase();
    const severity = WATCHED[name];
    const calls = Number(/(?:^|,)calls=(\d+)/.exec(value)?.[1] ?? 0);
    if (!severity || calls === 0) continue;
    out.push({
      kind: 'commandstats',
      severity,
      node: ev.node,
      title: `${name.toUpperCase().replace('|', ' ')} was called ${calls} time(s) since the server started`,
      evidence: [cite(ev, 'info', `${key}:${value}`)],
      suggests: [],
    });
  }
  const wrongpass = Number(/count=(\d+)/.exec(ev.info?.errorstats?.errorstat_WRONGPASS ?? '')?.[1] ?? 0);
  if (wrongpass >= 10)
    out.push({
      kind: 'errorstats.wrongpass',
      severity: wrongpass >= 100 ? 'high' : 'medium',
      node: ev.node,
      title: `${wrongpass} wrong passwords since the server started (a guessing burst?)`,
      evidence: [cite(ev, 'info', `errorstat_WRONGPASS:${ev.info?.errorstats?.errorstat_WRONGPASS}`)],
      suggests: [],
    });
  return out;
}

function protectedMode(ev: NodeEvidence): Finding[] {
  const open = ev.config?.['protected-mode'] === 'no';
  const defaultNopass = ev.users?.some((u) => u.name === 'default' && u.enabled && u.nopass);
  if (!open || !defaultNopass) return [];
  return [
    {
      kind: 'network.unprotected',
      severity: 'high',
      node: ev.node,
      title: 'protected-mode is off and the default user has no password: anyone who reaches the port is in',
      evidence: [cite(ev, 'config', 'protected-mode no'), cite(ev, 'acl-list', 'user default on nopass')],
      suggests: [{ id: 'config.set', params: { node: ev.node, name: 'protected-mode', value: 'yes' } }],
    },
  ];
}

function down(ev: NodeEvidence): Finding[] {
  if (ev.down === undefined) return [];
  return [
    {
      kind: 'node.down',
      severity: 'medium',
      node: ev.node,
      title: `no evidence from ${ev.node}: ${ev.down}`,
      evidence: [],
      suggests: [],
    },
  ];
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

/** Every finding of every node, the most severe first (stable within a severity). */
export function findingsOf(nodes: readonly NodeEvidence[], ctx: FindingContext): Finding[] {
  const all = nodes.flatMap((ev) => [
    ...down(ev),
    ...persistence(ev),
    ...payloadKeys(ev),
    ...replication(ev, ctx),
    ...modules(ev),
    ...protectedMode(ev),
    ...accessFindings(ev, ctx),
    ...commandStats(ev),
  ]);
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(b.f.severity) - rank(a.f.severity) || a.i - b.i)
    .map(({ f }) => f);
}

/** `incident start`'s exit: 1 when a finding is high or critical. */
export const hasSevere = (findings: readonly Finding[]): boolean =>
  findings.some((f) => rank(f.severity) >= rank('high'));
