// What the incident view lists below the steps: the findings, then the shown step's own rows
// (its verbs, their results, its lines). Every row's text is made here, server strings through
// toDisplay once; the list shows them as given. A row with `act` does something on Enter.
import { toDisplay } from '../../../domain/display.js';
import type { Incident, Phase, Severity } from '../../../domain/incident/types.js';
import type { IncidentSlice } from '../../../state/incident-slice.js';
import type { Token } from '../../theme/tokens.js';

export type RowAct =
  | { do: 'finding'; index: number }
  | { do: 'suggestion'; index: number }
  | { do: 'monitor' | 'log' | 'clients' | 'keyspace' | 'save' | 'close' }
  | { do: 'password' | 'drop-old'; user: string };

export interface ViewRow {
  key: string;
  text: string;
  tone?: Token;
  act?: RowAct;
  /** The row the shown step's view starts at: selected when the step changes. */
  start?: boolean;
}

export interface RemediationLines {
  users: string[];
  firewall: string[];
  tls: string[];
  /** The Audit pane's failing checks for this target, or undefined when it has no report. */
  audit?: string[];
}

export const SEVERITY_TONE: Record<Severity, Token> = {
  critical: 'danger',
  high: 'danger',
  medium: 'warning',
  low: 'muted',
  info: 'muted',
};

const STATUS_TONE: Record<string, Token> = {
  ok: 'ok',
  error: 'danger',
  refused: 'warning',
  unknown: 'warning',
  pending: 'warning',
};

const head = (key: string, text: string): ViewRow => ({ key, text, tone: 'accent' });
const line = (key: string, text: string, tone?: Token): ViewRow => ({ key, text, ...(tone ? { tone } : {}) });

function findingRows(inc: Incident): ViewRow[] {
  if (!inc.findings.length) return [line('f-none', 'FINDINGS: none', 'muted')];
  return [
    head('f-head', `FINDINGS (${inc.findings.length}; Enter: the evidence and what it suggests)`),
    ...inc.findings.map((f, i) => ({
      key: `f${i}`,
      text: `${f.severity.toUpperCase().padEnd(8)} ${f.node ? `${toDisplay(f.node)}  ` : ''}${toDisplay(f.title)}`,
      tone: SEVERITY_TONE[f.severity],
      act: { do: 'finding', index: i } as const,
    })),
  ];
}

function evidenceRows(inc: Incident): ViewRow[] {
  const ev = inc.timeline.find((t) => t.kind === 'evidence');
  const missing = inc.manifest.filter((m) => 'missing' in m);
  return [
    head('e-head', 'EVIDENCE (taken before anything is changed)'),
    ev?.kind === 'evidence'
      ? line(
          'e-sum',
          `${ev.artefacts} artefact(s), ${ev.missing} missing; manifest SHA-256 ${ev.manifestSha256}`,
        )
      : line('e-sum', 'not taken: the console stopped before it was (start a new incident)', 'warning'),
    ...missing.map((m, i) =>
      'missing' in m
        ? line(
            `e-m${i}`,
            toDisplay(
              `missing ${m.node} ${m.what}: ${m.missing.reason}${m.missing.grant ? ` (grant ${m.missing.grant})` : ''}`,
            ),
            'warning',
          )
        : line(`e-m${i}`, ''),
    ),
  ];
}

/** Every action sent in this incident, with its result; one never seen to finish is unknown. */
function actionRows(inc: Incident): ViewRow[] {
  const acts = inc.timeline.filter((t) => t.kind === 'action');
  if (!acts.length) return [];
  return [
    head('a-head', `ACTIONS SENT (${acts.length})`),
    ...acts.map((a, i) => {
      const p = a.operation.params as { user?: unknown; node?: unknown };
      const what = [a.operation.id, p.user, p.node].filter((x) => typeof x === 'string').join(' ');
      const result = a.result === 'pending' ? 'unknown: re-read the server' : a.result;
      return line(`a${i}`, toDisplay(`${a.seq ?? '?'}. ${a.at} ${what}: ${result}`), STATUS_TONE[a.result]);
    }),
  ];
}

function containRows(inc: Incident, s: IncidentSlice): ViewRow[] {
  return [
    head('c-head', 'CONTAIN (Enter on one: what it changes, asked first; m: a MONITOR sample)'),
    ...(s.suggestions.length
      ? []
      : [line('c-none', 'nothing suggested: the findings need a person first', 'muted')]),
    ...s.suggestions.map((x, i) => ({
      key: `c${i}`,
      text: `[${x.status === 'pending' ? 'unknown: re-read' : x.status}] ${x.describe}${x.detail ? ` · ${toDisplay(x.detail)}` : ''}${x.warning ? ' · WARNING: your own user' : ''}`,
      tone: STATUS_TONE[x.status],
      act: { do: 'suggestion', index: i } as const,
    })),
    {
      key: 'c-mon',
      text: 'm  a timed MONITOR sample of every node (warns, asks the seconds; +monitor)',
      act: { do: 'monitor' },
    },
    ...actionRows(inc),
  ];
}

function investigateRows(inc: Incident, s: IncidentSlice, filter: string | undefined): ViewRow[] {
  const sus = inc.suspects;
  return [
    head('i-head', `INVESTIGATE: the window is since ${inc.openedAt} (UTC; opened)`),
    ...(sus
      ? [
          line(
            'i-sus',
            toDisplay(
              `suspects: ${[...sus.users.map((u) => `user ${u}`), ...sus.addresses.map((a) => `addr ${a}`)].join(', ') || 'none'}${sus.from ? ` (${sus.from})` : ''}`,
            ),
          ),
        ]
      : []),
    { key: 'i-log', text: 'L  the ACL Log pane: violations since then', act: { do: 'log' } },
    {
      key: 'i-cli',
      text: filter
        ? `c  the Clients pane filtered to ${filter}`
        : 'c  the Clients pane (the incident names no user or address)',
      act: { do: 'clients' },
    },
    { key: 'i-ks', text: 'K  the key space now beside when the evidence was taken', act: { do: 'keyspace' } },
    ...(s.keyspace
      ? [
          line('i-ksh', 'NODE                  BEFORE      AFTER', 'muted'),
          ...s.keyspace.map((k, i) =>
            line(
              `i-ks${i}`,
              `${toDisplay(k.node).padEnd(21)} ${String(k.before ?? 'not known').padStart(9)}  ${k.error ? toDisplay(`not read: ${k.error}`) : String(k.after).padStart(9)}`,
              k.before !== undefined && k.after !== undefined && k.after !== k.before ? 'warning' : undefined,
            ),
          ),
        ]
      : []),
  ];
}

function remediateRows(r: RemediationLines): ViewRow[] {
  return [
    head('r-head', 'REMEDIATE: rotate (a, then O once the apps moved), persist (w), the lines below'),
    ...(r.users.length
      ? []
      : [line('r-none', 'no user to rotate: no suspect, no finding names one', 'muted')]),
    ...r.users.flatMap((u) => [
      {
        key: `r-a-${u}`,
        text: toDisplay(`a  ${u}: add a generated password (shown once)`),
        act: { do: 'password', user: u } as const,
      },
      {
        key: `r-o-${u}`,
        text: toDisplay(`O  ${u}: drop the old passwords`),
        act: { do: 'drop-old', user: u } as const,
      },
    ]),
    { key: 'r-w', text: 'w  persist: ACL SAVE or CONFIG REWRITE on every node', act: { do: 'save' } },
    head('r-fw', 'FIREWALL'),
    ...r.firewall.map((l, i) => line(`r-fw${i}`, toDisplay(l))),
    head('r-tls', 'TLS'),
    ...r.tls.map((l, i) => line(`r-tls${i}`, toDisplay(l))),
    head('r-au', 'AUDIT'),
    ...(r.audit === undefined
      ? [line('r-au0', 'no report: run the audit (4)', 'muted')]
      : r.audit.length
        ? r.audit.map((l, i) => line(`r-au${i + 1}`, toDisplay(l), 'warning'))
        : [line('r-au0', 'no failing check', 'ok')]),
  ];
}

function closeRows(inc: Incident): ViewRow[] {
  if (inc.closedAt)
    return [
      head('x-head', `CLOSED ${inc.closedAt}`),
      line('x-out', toDisplay(`outcome: ${inc.outcome ?? ''}`)),
      ...inc.followUps.map((f, i) => line(`x-f${i}`, toDisplay(`follow-up: ${f}`))),
    ];
  return [
    head('x-head', 'CLOSE'),
    {
      key: 'x-close',
      text: 'Enter  close the incident: the outcome, then follow-ups (one a line)',
      act: { do: 'close' },
    },
  ];
}

export function incidentRows(
  inc: Incident,
  s: IncidentSlice,
  step: Phase,
  more: { remediation: RemediationLines; clientsFilter?: string },
): ViewRow[] {
  const said = (s.said.find((x) => x.step === step)?.lines ?? []).map((l, i) =>
    line(`said${i}`, toDisplay(l), 'muted'),
  );
  const own =
    step === 'evidence'
      ? evidenceRows(inc)
      : step === 'findings'
        ? [head('fi-head', 'FINDINGS: review them above (Enter: the evidence); + when done')]
        : step === 'contain'
          ? containRows(inc, s)
          : step === 'investigate'
            ? investigateRows(inc, s, more.clientsFilter)
            : step === 'remediate'
              ? remediateRows(more.remediation)
              : closeRows(inc);
  // The step's first row to act on (else its head) is where the selection goes on a new step:
  // past a long list of findings, the step's own rows would be off screen.
  // On the findings step, that is the findings themselves.
  const findings = findingRows(inc);
  if (step === 'findings') return [{ ...findings[0]!, start: true }, ...findings.slice(1), ...own, ...said];
  const at = Math.max(
    0,
    own.findIndex((r) => r.act),
  );
  // What the step's verbs said comes right under its head, where the selection goes.
  const marked = own.map((r, i) => (i === at ? { ...r, start: true } : r));
  return [...findings, ...marked.slice(0, 1), ...said, ...marked.slice(1)];
}
