// Findings about who is in: users (against the last baseline, nopass, +@all), clients (of
// disabled users, running admin commands, from networks not marked known) and failed AUTHs in
// the ACL LOG grouped by source address. Pure.
import { cite } from './evidence.js';
import type { EvidenceClient, FindingContext, NodeEvidence } from './evidence.js';
import type { Finding } from './types.js';

const block = (user: string) => ({ id: 'acl.setuser', params: { change: 'block', user } });

const allCommands = (rules: string) => /(^| )(\+@all|allcommands)( |$)/.test(rules);

function users(ev: NodeEvidence, ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  for (const u of ev.users ?? []) {
    const line = `user ${u.name} ${u.rules}`;
    const before = ctx.baseline?.[u.name];
    if (ctx.baseline && before === undefined)
      out.push({
        kind: 'users.new',
        severity: 'high',
        node: ev.node,
        title: `user ${u.name} is not in the baseline (${ctx.baselineFrom ?? 'the last one'})`,
        evidence: [cite(ev, 'acl-list', line)],
        suggests: u.enabled ? [block(u.name)] : [],
      });
    else if (before !== undefined && before !== u.rules)
      out.push({
        kind: 'users.changed',
        severity: allCommands(u.rules) && !allCommands(before) ? 'high' : 'medium',
        node: ev.node,
        title: `user ${u.name} has other rules than in the baseline`,
        evidence: [cite(ev, 'acl-list', `now: ${line}; baseline: user ${u.name} ${before}`)],
        suggests: u.enabled ? [block(u.name)] : [],
      });
    if (!u.enabled) continue;
    if (u.nopass || allCommands(u.rules))
      out.push({
        kind: u.nopass ? 'users.nopass' : 'users.all-commands',
        severity: 'high',
        node: ev.node,
        title: `user ${u.name} ${u.nopass ? 'needs no password' : 'may run every command (+@all)'}`,
        evidence: [cite(ev, 'acl-list', line)],
        suggests: [block(u.name)],
      });
  }
  if (!ctx.baseline && ev.users)
    out.push({
      kind: 'users.no-baseline',
      severity: 'info',
      node: ev.node,
      title: 'no baseline: the journal holds no earlier evidence of these users to compare with',
      evidence: [],
      suggests: [],
    });
  return out;
}

// Commands that change the server's configuration, replication, modules, data or users: a
// client whose last command is one of them is a suspect (CLIENT LIST's `cmd`).
const ADMIN =
  /^(config\|(set|rewrite|resetstat)|module\|.*|replicaof|slaveof|debug|flushall|flushdb|acl\|(setuser|deluser|load|save)|shutdown|eval.*|fcall.*|function\|(load|delete|restore|flush)|save|bgsave|bgrewriteaof|migrate|restore)$/i;

function ipv4(s: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((a, p) => a * 256 + p, 0);
}

/** Whether `host` is in one of `nets` (IPv4 CIDR, or an exact address of any kind). */
export function inNetworks(host: string, nets: readonly string[]): boolean {
  const ip = ipv4(host);
  return nets.some((net) => {
    const [base, bits] = net.split('/');
    if (bits === undefined || ip === undefined) return base === host;
    const b = ipv4(base ?? '');
    const n = Number(bits);
    if (b === undefined || !Number.isInteger(n) || n < 0 || n > 32) return false;
    const size = Math.pow(2, 32 - n);
    return Math.floor(ip / size) === Math.floor(b / size);
  });
}

const hostOf = (addr: string) => addr.slice(0, addr.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1');
const clientLine = (c: EvidenceClient) =>
  `id=${c.id} addr=${c.addr} name=${c.name} user=${c.user} cmd=${c.cmd}`;
const kill = (ev: NodeEvidence, cs: readonly EvidenceClient[]) => ({
  id: 'client.kill',
  params: { clients: cs.map((c) => ({ node: ev.node, id: c.id, addr: c.addr })) },
});

function clients(ev: NodeEvidence, ctx: FindingContext): Finding[] {
  const own = new Set(ctx.ownClients);
  const theirs = (ev.clients ?? []).filter((c) => !own.has(`${ev.node} ${c.id}`));
  const disabled = new Set((ev.users ?? []).filter((u) => !u.enabled).map((u) => u.name));
  const out: Finding[] = [];
  const group = (kind: string, cs: EvidenceClient[], title: string, severity: Finding['severity']) => {
    if (cs.length > 0)
      out.push({
        kind,
        severity,
        node: ev.node,
        title: `${cs.length} client(s) ${title}`,
        evidence: cs.slice(0, 20).map((c) => cite(ev, 'clients', clientLine(c))),
        suggests: [kill(ev, cs)],
      });
  };
  group(
    'clients.disabled-user',
    theirs.filter((c) => disabled.has(c.user)),
    'of a disabled user are still connected',
    'high',
  );
  group(
    'clients.admin-command',
    theirs.filter((c) => ADMIN.test(c.cmd)),
    'ran an admin command last',
    'medium',
  );
  if (ctx.knownNetworks.length > 0)
    group(
      'clients.unknown-network',
      theirs.filter((c) => !c.addr.startsWith('/') && !inNetworks(hostOf(c.addr), ctx.knownNetworks)),
      'connect from networks not marked known',
      'medium',
    );
  return out;
}

function failedAuths(ev: NodeEvidence): Finding[] {
  const by = new Map<string, { count: number; users: Set<string> }>();
  for (const e of ev.aclLog ?? []) {
    if (e.reason !== 'auth') continue;
    const from = e.addr ? hostOf(e.addr) : '(unknown address)';
    const g = by.get(from) ?? { count: 0, users: new Set() };
    g.count += e.count;
    g.users.add(e.username);
    by.set(from, g);
  }
  return [...by].map(([from, g]) => ({
    kind: 'acl-log.failed-auth',
    severity: g.count >= 10 ? 'high' : 'medium',
    node: ev.node,
    title: `${g.count} failed AUTH(s) from ${from} (users ${[...g.users].join(', ')})`,
    evidence: [cite(ev, 'acl-log', `reason=auth from ${from} count=${g.count}`)],
    suggests: [],
  }));
}

export function accessFindings(ev: NodeEvidence, ctx: FindingContext): Finding[] {
  return [...users(ev, ctx), ...clients(ev, ctx), ...failedAuths(ev)];
}
