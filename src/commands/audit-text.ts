// `redis-warden audit` as text for a person and as Markdown for a ticket: the level per node and
// for the whole, counts, checks grouped by area with their status, the failing ones with their
// evidence and fix, what the next level needs, the seed's checklist, the by-hand items and the
// CVE table's date. Lines are built raw here; the caller escapes each (toDisplay) once.
import type {
  AuditReport,
  CheckResult,
  ChecklistBox,
  Fix,
  NodeReport,
  Status,
} from '../domain/audit/types.js';
import { levelName, reportLevel } from '../domain/audit/maturity.js';
import { AREAS } from '../domain/audit/types.js';

const STATUS: Record<Status, string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', unknown: '????' };
const BOX: Record<ChecklistBox['state'], string> = {
  ticked: '[x]',
  warned: '[!]',
  crossed: '[ ]',
  unknown: '[?]',
  manual: '[~]',
};
const AREA_NAME: Record<string, string> = {
  access: 'Access',
  network: 'Network',
  commands: 'Commands',
  tls: 'TLS',
  persistence: 'Persistence and forensics',
  limits: 'Limits',
  software: 'Software',
  replication: 'Replication and cluster',
};

const countsText = (c: Record<Status, number>) =>
  `${c.pass} pass, ${c.fail} fail, ${c.warn} warn, ${c.unknown} unknown`;

function nodeCounts(n: NodeReport): Record<Status, number> {
  const c: Record<Status, number> = { pass: 0, fail: 0, warn: 0, unknown: 0 };
  for (const r of n.results) c[r.status]++;
  return c;
}

const where = (r: CheckResult) => (r.node === undefined ? 'cluster' : r.node);

/** The fix's lines: what to do, the commands, the redis.conf and ACL file lines. */
export function fixLines(fix: Fix | undefined, indent: string): string[] {
  if (!fix) return [];
  return [
    `${indent}fix: ${fix.text}${fix.restart ? ' (takes a restart)' : ''}${fix.online?.length ? ' (online: the Audit pane applies it with f)' : ''}`,
    ...(fix.commands ?? []).map((c) => `${indent}  $ ${c}`),
    ...(fix.conf ?? []).map((l) => `${indent}  redis.conf: ${l}`),
    ...(fix.acl ?? []).map((l) => `${indent}  ACL file: ${l}`),
  ];
}

function resultLines(r: CheckResult, indent: string): string[] {
  const lines = [`${indent}${r.detail}`];
  for (const e of r.evidence) lines.push(`${indent}seen: ${e.command} -> ${e.value}`);
  if (r.status === 'unknown' && r.unknown?.grant) lines.push(`${indent}grant: ${r.unknown.grant}`);
  if (r.status === 'fail' || r.status === 'warn') lines.push(...fixLines(r.fix, indent));
  return lines;
}

/** The worst status first: fail, unknown, warn, pass. */
const ORDER: Status[] = ['fail', 'unknown', 'warn', 'pass'];

/** One check across nodes: one line when every node agrees, the details of each that is not a pass. */
function checkLines(results: CheckResult[]): string[] {
  const [first] = results;
  if (!first) return [];
  const worst = ORDER.find((s) => results.some((r) => r.status === s)) ?? 'pass';
  const statuses = new Set(results.map((r) => r.status));
  const many = results.length > 1;
  const head = `  ${STATUS[worst]}  ${first.id}  ${first.title}  [${first.level}, ${first.severity}]`;
  const lines = [
    many && statuses.size > 1
      ? `${head}  (${results.map((r) => `${where(r)} ${r.status}`).join(', ')})`
      : head,
  ];
  // Nodes that found the same (a cluster's six nodes with the same setting) are said once.
  for (const same of groupSame(results.filter((r) => r.status !== 'pass')))
    lines.push(
      ...(many ? [`        on ${same.map(where).join(', ')}:`] : []),
      ...resultLines(same[0]!, '        '),
    );
  return lines;
}

function groupSame(results: readonly CheckResult[]): CheckResult[][] {
  const groups = new Map<string, CheckResult[]>();
  for (const r of results) {
    const { text, commands, conf, acl } = r.fix ?? {};
    // One text key of everything shown (a separator no server string holds unescaped).
    const key = [r.status, r.detail, ...r.evidence.map((e) => e.value), '', text, commands, conf, acl]
      .flat()
      .map((p) => String(p ?? ''))
      .join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()];
}

/** Results grouped by area, then by check id (in catalogue order). */
function byArea(report: AuditReport): { area: string; checks: CheckResult[][] }[] {
  const all = [...report.nodes.flatMap((n) => n.results), ...report.cluster];
  return AREAS.map((area) => {
    const ids = [...new Set(all.filter((r) => r.area === area).map((r) => r.id))];
    return { area, checks: ids.map((id) => all.filter((r) => r.id === id)) };
  }).filter((g) => g.checks.length > 0);
}

export function textReport(report: AuditReport): string[] {
  const out = [
    `Audit of ${report.target} (${report.at})`,
    `Level: ${reportLevel(report).text}${report.nodes.length > 1 && reportLevel(report).known ? ' (the lowest node)' : ''}`,
    `Checks: ${countsText(report.counts)}`,
  ];
  for (const n of report.nodes)
    out.push(
      n.unreachable !== undefined
        ? `  ${n.node}  unknown: not read (${n.unreachable})`
        : `  ${n.node}  ${levelName(n.reached)}  (${countsText(nodeCounts(n))})`,
    );
  for (const g of byArea(report)) {
    out.push('', AREA_NAME[g.area] ?? g.area);
    for (const c of g.checks) out.push(...checkLines(c));
  }
  out.push('', ...nextText(report), '', 'Checklist (the seed)');
  let stage = '';
  for (const b of report.checklist) {
    if (b.stage !== stage) out.push(`  ${(stage = b.stage)}`);
    out.push(`    ${BOX[b.state]} ${b.item}${b.checks.length ? `  (${b.checks.join(', ')})` : ''}`);
  }
  out.push('', 'Verify by hand (not counted)');
  for (const m of report.manual) out.push(`  ${m.id}  [${m.level}]  ${m.title}`, `        ${m.how}`);
  out.push(
    '',
    `CVE table of ${report.cveTable.date}; common passwords: ${report.passwordList.name} (${report.passwordList.count}).`,
  );
  return out;
}

function nextText(report: AuditReport): string[] {
  const next = report.next;
  if (!next)
    return [report.reached === 'paranoid' ? 'Paranoid reached: no higher level.' : 'Next level: none.'];
  const out = [`To reach ${levelName(next.level)} (${next.nodes.join(', ')}):`];
  if (!next.needs.length) out.push('  nothing more found inside Redis: see the items to verify by hand');
  for (const r of next.needs) {
    out.push(`  ${STATUS[r.status]}  ${r.id}  ${r.title}  (${where(r)})`);
    out.push(...(r.status === 'unknown' ? [`        ${r.detail}`] : fixLines(r.fix, '        ')));
  }
  return out;
}

// Markdown: a server string may hold `|` or backticks; cells and code spans are kept intact.
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/`/g, "'");
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export function markdownReport(report: AuditReport): string[] {
  const out = [
    `# Redis security audit: ${cell(report.target)}`,
    '',
    `- Date: ${report.at}`,
    `- Level: **${reportLevel(report).text}**`,
    `- Checks: ${countsText(report.counts)}`,
    `- CVE table: ${report.cveTable.date}; common passwords: ${report.passwordList.name} (${report.passwordList.count})`,
    '',
    '## Nodes',
    '',
    '| Node | Level | Pass | Fail | Warn | Unknown |',
    '|---|---|---|---|---|---|',
  ];
  for (const n of report.nodes) {
    const c = nodeCounts(n);
    const level = n.unreachable !== undefined ? `unknown: ${cell(n.unreachable)}` : levelName(n.reached);
    out.push(`| ${cell(n.node)} | ${level} | ${c.pass} | ${c.fail} | ${c.warn} | ${c.unknown} |`);
  }
  const all = [...report.nodes.flatMap((n) => n.results), ...report.cluster];
  const open = all.filter((r) => r.status === 'fail' || r.status === 'warn');
  out.push('', '## Findings', '');
  if (!open.length) out.push('No failing check.');
  for (const r of open) {
    out.push(
      `### ${r.status === 'fail' ? 'FAIL' : 'warn'} ${r.id}: ${cell(r.title)} (${cell(where(r))})`,
      '',
    );
    out.push(`${cell(r.detail)}`, '', `- Level ${r.level}, severity ${r.severity}; seed: ${r.seed}`);
    for (const e of r.evidence) out.push(`- Seen: ${code(e.command)} → ${code(e.value)}`);
    if (r.fix) {
      out.push(`- Fix: ${cell(r.fix.text)}${r.fix.restart ? ' (takes a restart)' : ''}`);
      const lines = [
        ...(r.fix.commands ?? []),
        // Each its own line: a line is escaped whole when printed (a newline inside one shows as \x0a).
        ...(r.fix.conf?.length ? ['# redis.conf', ...r.fix.conf] : []),
        ...(r.fix.acl?.length ? ['# ACL file', ...r.fix.acl] : []),
      ];
      if (lines.length) out.push('', '```', ...lines.map((l) => l.replace(/```/g, "'''")), '```');
    }
    out.push('');
  }
  out.push(
    '## All checks',
    '',
    '| Status | Check | Area | Level | Severity | Where |',
    '|---|---|---|---|---|---|',
  );
  for (const r of all)
    out.push(
      `| ${r.status} | ${r.id} ${cell(r.title)} | ${r.area} | ${r.level} | ${r.severity} | ${cell(where(r))} |`,
    );
  out.push('', '## Next level', '', ...nextText(report).map((l) => (l.startsWith(' ') ? `    ${l}` : l)));
  out.push('', '## Checklist', '');
  for (const b of report.checklist)
    out.push(
      `- ${b.state === 'ticked' ? '[x]' : '[ ]'} ${b.stage}: ${b.item} (${b.state === 'manual' ? 'verify by hand' : b.state})`,
    );
  out.push('', '## Verify by hand', '');
  for (const m of report.manual) out.push(`- **${m.id}** (${m.level}) ${m.title}: ${m.how}`);
  return out;
}
