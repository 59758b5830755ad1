// Replication and cluster (issue 14, Checks > Replication and cluster). The seed is silent on
// replication except its TLS lines; these sit at Standard ("ACL + Network": who a node follows
// and who can write to a replica are network and access questions). A replica following a
// master outside the Target is the rogue-master attack's first step.
import {
  configEvidence,
  configSetFix,
  fail,
  infoField,
  isYes,
  pass,
  unread,
  warn,
  withConfig,
} from './finding.js';
import type { AuditUser, CheckDef, NodeFacts } from './types.js';

const WHY = 'Standard ("ACL + Network"): who a node follows and who writes to it';

const isReplica = (facts: NodeFacts) => infoField(facts, 'replication', 'role') === 'slave';

/** `host:port` of the master a replica follows. */
const masterOf = (facts: NodeFacts) =>
  `${infoField(facts, 'replication', 'master_host') ?? '?'}:${infoField(facts, 'replication', 'master_port') ?? '?'}`;

const replicationEvidence = (facts: NodeFacts) => ({
  command: 'INFO replication',
  value: ['role', 'master_host', 'master_port', 'master_link_status', 'connected_slaves']
    .map((f) => `${f}=${infoField(facts, 'replication', f) ?? '-'}`)
    .join(' '),
});

/** What of a user must match on every node (hashes compared, never shown). */
const userShape = (u: AuditUser) =>
  JSON.stringify([u.enabled, u.nopass, [...u.passwords].sort(), u.keys, u.channels, u.commands]);

export const REPLICATION_CHECKS: CheckDef[] = [
  {
    id: 'REP-001',
    title: 'A replica follows a known master',
    area: 'replication',
    level: 'standard',
    severity: 'critical',
    seed: 'Security Incident Response > Investigation',
    why: `${WHY}; an unexpected master_host is how rogue-master attacks load modules`,
    check: (facts, ctx) => {
      if (!facts.info.ok) return unread('INFO replication', facts.info);
      const ev = [replicationEvidence(facts)];
      if (!isReplica(facts)) return pass(`role ${infoField(facts, 'replication', 'role') ?? '?'}`, ev);
      const master = masterOf(facts);
      const known = [...(ctx.knownNodes ?? []), ...(ctx.expectedMasters ?? [])];
      if (known.includes(master)) return pass(`replica of ${master}, a node of the target`, ev);
      return fail(
        `replica of ${master}, which is not a node of the target: a rogue master can feed it any data or a module`,
        ev,
        {
          text: 'If it is not yours: REPLICAOF NO ONE, then the incident flow; if it is, name it (expected masters)',
          commands: ['REPLICAOF NO ONE'],
        },
        [master],
      );
    },
  },
  {
    id: 'REP-002',
    title: 'Replicas are read-only (replica-read-only yes)',
    area: 'replication',
    level: 'standard',
    severity: 'medium',
    seed: 'Security Incident Response > Investigation',
    why: `${WHY}; attackers turn it off (Migo), and a writable replica is DarkReplica's path`,
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'replica-read-only'), replicationEvidence(facts)];
        if (isYes(get('replica-read-only'))) return pass('replicas refuse writes', ev);
        const fix = configSetFix(facts, 'replica-read-only', 'yes', 'Make replicas read-only');
        if (!isReplica(facts))
          return warn('replica-read-only is no: it applies the day this node becomes a replica', ev, fix);
        return fail('this replica accepts writes from clients', ev, fix);
      }),
  },
  {
    id: 'REP-003',
    title: 'masteruser / masterauth are set where the master needs auth',
    area: 'replication',
    level: 'standard',
    severity: 'medium',
    seed: 'ACL File > user replication on >repl_password +psync +replconf +ping',
    why: `${WHY}; the seed's ACL file has a replication user for this`,
    check: (facts, ctx) => {
      if (!facts.info.ok) return unread('INFO replication', facts.info);
      if (!facts.masterauth.ok) return unread('CONFIG GET masterauth', facts.masterauth);
      const auth = facts.masterauth.value;
      const user = facts.config.ok ? facts.config.value.masteruser : undefined;
      const ev = [
        replicationEvidence(facts),
        {
          command: 'CONFIG GET masteruser masterauth',
          value: `masteruser=${user || '(none)'} masterauth=${auth.set ? 'set' : 'not set'}`,
        },
      ];
      const fix = {
        text: 'Give replicas a replication user (the seed: +psync +replconf +ping) and its password',
        commands: [
          'ACL SETUSER replication on >REPL_PASSWORD +psync +replconf +ping',
          'CONFIG SET masteruser replication',
          'CONFIG SET masterauth REPL_PASSWORD',
        ],
        conf: ['masteruser replication', "masterauth <the replication user's password>"],
        acl: ['user replication on >repl_password +psync +replconf +ping'],
      };
      if (isReplica(facts)) {
        const link = infoField(facts, 'replication', 'master_link_status');
        if (auth.set) return pass('this replica authenticates to its master', ev);
        if (link === 'down')
          return fail(
            'replica without masterauth and its link is down: the master likely refuses it',
            ev,
            fix,
          );
        return pass(
          'the master accepts this replica without auth (its own access is judged on the master)',
          ev,
        );
      }
      // A master that asks for auth and may fail over: as a replica it will need credentials.
      const asksAuth = facts.unauthenticated.ok && facts.unauthenticated.value === 'noauth';
      if (ctx.cluster && asksAuth && !auth.set)
        return warn('no masterauth: after a failover this node cannot sync from the new master', ev, fix);
      return pass('not a replica', ev);
    },
  },
  {
    id: 'REP-004',
    title: 'ACL users are the same on every node',
    area: 'replication',
    level: 'standard',
    severity: 'high',
    seed: 'ACL File',
    why: `${WHY}: ACLs do not replicate, so a node that differs lets in what the others refuse`,
    checkAll: (nodes) => {
      // A node that is down is unknown in its own report; the others are still compared.
      const all = nodes.filter((f) => f.reachable.ok);
      const down = nodes.filter((f) => !f.reachable.ok).map((f) => f.node);
      const skipped = down.length ? ` (${down.join(', ')} not reached)` : '';
      if (all.length < 2) return pass(`fewer than two nodes to compare${skipped}`);
      const unread_ = all.filter((f) => !f.users.ok);
      const read = all.filter((f) => f.users.ok);
      const names = new Set(read.flatMap((f) => (f.users.ok ? f.users.value.map((u) => u.name) : [])));
      const problems: string[] = [];
      for (const name of [...names].sort()) {
        const shapes = new Map<string, string[]>();
        const missing: string[] = [];
        for (const f of read) {
          const u = f.users.ok ? f.users.value.find((x) => x.name === name) : undefined;
          if (!u) missing.push(f.node);
          else shapes.set(userShape(u), [...(shapes.get(userShape(u)) ?? []), f.node]);
        }
        if (missing.length > 0) problems.push(`${name} missing on ${missing.join(', ')}`);
        if (shapes.size > 1)
          problems.push(
            `${name} differs on ${[...shapes.values()].map((nodes) => nodes.join('+')).join(' vs ')}`,
          );
      }
      const evidence = read.map((f) => ({
        command: `ACL LIST on ${f.node}`,
        value: f.users.ok ? f.users.value.map((u) => u.name).join(', ') : '',
      }));
      if (problems.length > 0)
        return fail(
          `${problems.join('; ')}${skipped}`,
          evidence,
          {
            text: 'Make every node hold the same users (Users pane shows the drift; `acl apply` writes every node)',
            commands: ['redis-warden acl apply FILE'],
          },
          problems,
        );
      const first = unread_[0];
      if (first && !first.users.ok)
        return unread(`ACL LIST on ${unread_.map((f) => f.node).join(', ')}`, first.users);
      return pass(`${names.size} user(s), the same on ${all.length} nodes${skipped}`, evidence);
    },
  },
];
