// The Audit pane's text views as lines (pure, so a test can read them without a terminal): one
// result's detail, and the level view (what the next level needs, the seed's checklist, what
// to verify by hand). Every server string goes through toDisplay here; lines are cut to the
// width by the view, so a long value costs lines, never the layout.
import type { AuditReport, CheckResult, ChecklistBox, Fix } from '../../../domain/audit/types.js';
import { displayWidth, toDisplay } from '../../../domain/display.js';
import type { Token } from '../../theme/tokens.js';
import { levelName, STATUS_LABEL, STATUS_TONE } from './rows.js';

export interface Line {
  text: string;
  tone?: Token;
}

/** Words into lines of at most `width` cells (a word longer than that is cut by the view). */
export function wrapWords(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    const next = line ? `${line} ${w}` : `${indent}${w}`;
    if (displayWidth(next) <= width || !line) line = next;
    else {
      out.push(line);
      line = `${indent}  ${w}`;
    }
  }
  return line ? [...out, line] : out;
}

const wrapped = (text: string, width: number, tone?: Token, indent = ''): Line[] =>
  wrapWords(text, width, indent).map((t) => ({ text: t, ...(tone ? { tone } : {}) }));

/** The fix: its words, then what to run or paste, then whether `F` can apply it here. */
export function fixLines(fix: Fix, width: number, indent = '  '): Line[] {
  const block = (title: string, lines?: readonly string[]): Line[] =>
    lines?.length
      ? [
          { text: `${indent}${title}`, tone: 'muted' },
          ...lines.flatMap((l) => wrapped(toDisplay(l), width, 'accent', `${indent}  `)),
        ]
      : [];
  const online = fix.online ?? [];
  return [
    ...wrapped(`Fix: ${toDisplay(fix.text)}`, width, 'ok', indent.slice(2)),
    ...block('Commands:', fix.commands),
    ...block('redis.conf:', fix.conf),
    ...block('ACL file:', fix.acl),
    ...(online.length
      ? [
          { text: `${indent}F applies it online:`, tone: 'muted' as const },
          ...online.flatMap((o) => wrapped(toDisplay(o.summary), width, undefined, `${indent}  `)),
        ]
      : [
          {
            text: `${indent}${fix.restart ? 'Needs a restart' : 'Not applied from here'}: paste the lines above`,
            tone: 'muted' as const,
          },
        ]),
  ];
}

/** Everything about one result, and how the same check went on the other nodes. */
export function detailLines(r: CheckResult, report: AuditReport | undefined, width: number): Line[] {
  const others = (report?.nodes ?? [])
    .map((n) => n.results.find((x) => x.id === r.id))
    .filter((x): x is CheckResult => Boolean(x));
  return [
    {
      text: `${STATUS_LABEL[r.status]} ${r.id} · ${levelName(r.level)} · ${r.severity} · ${r.area} · ${r.node ? toDisplay(r.node) : 'cluster'}`,
      tone: STATUS_TONE[r.status] ?? 'ok',
    },
    ...wrapped(toDisplay(r.title), width, 'header'),
    ...wrapped(toDisplay(r.detail), width),
    ...(r.subjects?.length ? wrapped(`Names: ${r.subjects.map((s) => toDisplay(s)).join(', ')}`, width) : []),
    ...(r.evidence.length
      ? [
          { text: 'Evidence:', tone: 'muted' as const },
          ...r.evidence.flatMap((e) =>
            wrapped(`${toDisplay(e.command)} → ${toDisplay(e.value)}`, width, undefined, '  '),
          ),
        ]
      : []),
    // The reason is most often the detail already: said once, and the grant on its own line.
    ...(r.unknown && r.unknown.reason !== r.detail && !r.detail.includes(r.unknown.reason)
      ? wrapped(`Unknown: ${toDisplay(r.unknown.reason)}`, width, 'accent')
      : []),
    ...(r.unknown?.grant ? wrapped(`Grant ${toDisplay(r.unknown.grant)} to know it`, width, 'accent') : []),
    ...(r.fix ? fixLines(r.fix, width, '  ') : []),
    ...wrapped(`Seed: ${toDisplay(r.seed)}`, width, 'muted'),
    ...(others.length > 1
      ? wrapped(
          `Nodes: ${others.map((o) => `${toDisplay(o.node ?? '')} ${o.status}`).join(' · ')}`,
          width,
          'muted',
        )
      : []),
  ];
}

const BOX: Record<ChecklistBox['state'], { mark: string; tone?: Token }> = {
  ticked: { mark: '[✓]', tone: 'ok' },
  warned: { mark: '[!]', tone: 'warning' },
  crossed: { mark: '[✗]', tone: 'danger' },
  unknown: { mark: '[?]', tone: 'accent' },
  manual: { mark: '[ ] by hand', tone: 'muted' },
};

/** The level view's list: what the next level needs (each with its fix), the checklist, by hand. */
export function levelLines(report: AuditReport, width: number): Line[] {
  const next = report.next;
  const needs: Line[] = next
    ? [
        {
          text: `To reach ${levelName(next.level)} (${next.nodes.map((n) => toDisplay(n)).join(', ') || 'cluster'}): ${next.needs.length} to settle`,
          tone: 'header',
        },
        ...next.needs.flatMap((r) => [
          ...wrapped(
            `${STATUS_LABEL[r.status]} ${r.id} ${toDisplay(r.title)}${r.node && next.nodes.length > 1 ? ` (${toDisplay(r.node)})` : ''}`,
            width,
            STATUS_TONE[r.status],
            '  ',
          ),
          ...(r.unknown?.grant
            ? wrapped(`grant ${toDisplay(r.unknown.grant)}`, width, 'accent', '    ')
            : []),
          ...(r.fix
            ? wrapped(
                `fix: ${toDisplay(r.fix.commands?.[0] ?? r.fix.conf?.[0] ?? r.fix.text)}`,
                width,
                'ok',
                '    ',
              )
            : []),
        ]),
      ]
    : [{ text: 'Paranoid reached: every check passes.', tone: 'ok' }];
  const stages = ['Development', 'Staging', 'Production'] as const;
  const checklist: Line[] = [
    { text: "The seed's checklist", tone: 'header' },
    ...stages.flatMap((stage) => [
      { text: `  ${stage}`, tone: 'muted' as const },
      ...report.checklist
        .filter((b) => b.stage === stage)
        .map((b) => ({
          text: `    ${BOX[b.state].mark} ${b.item}${b.checks.length ? ` (${b.checks.join(' ')})` : ''}`,
          ...(BOX[b.state].tone ? { tone: BOX[b.state].tone } : {}),
        })),
    ]),
  ];
  const manual: Line[] = [
    { text: 'Verify by hand (never counted)', tone: 'header' },
    ...report.manual.flatMap((m) => [
      ...wrapped(`${levelName(m.level)} ${m.id} ${m.title}`, width, undefined, '  '),
      ...wrapped(m.how, width, 'muted', '    '),
    ]),
  ];
  return [...needs, { text: ' ' }, ...checklist, { text: ' ' }, ...manual];
}
