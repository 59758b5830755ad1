// An inspect report (files or a live server) as lines for the pane: facts per certificate, then
// what is wrong in the seed's words with the fix. Every value from a certificate is a server
// string: it goes through toDisplay here, once, before any frame.
import { toDisplay } from '../../../domain/display.js';
import type { CertFacts, CertProblem, InspectReport, LiveReport } from '../../../state/actions/certs-ops.js';
import type { Token } from '../../theme/tokens.js';

export interface Line {
  text: string;
  tone: Token;
}

const d = toDisplay;
const list = (xs: readonly string[]) => (xs.length ? xs.map(d).join(', ') : '(none)');
const isLive = (r: InspectReport | LiveReport): r is LiveReport => 'presented' in r;

function factLines(f: CertFacts): Line[] {
  const left = f.daysLeft < 0 ? `expired ${-f.daysLeft} days ago` : `${f.daysLeft} days left`;
  return [
    { text: `${d(f.source)}${f.isCa ? ' (CA)' : ''}`, tone: 'accent' },
    { text: `  subject  ${d(f.subject)}`, tone: 'text' },
    { text: `  issuer   ${d(f.issuer)}${f.selfSigned ? ' (self-signed)' : ''}`, tone: 'text' },
    { text: `  serial   ${d(f.serial)}`, tone: 'text' },
    { text: `  SANs     DNS: ${list(f.dnsNames)} · IP: ${list(f.ipAddresses)}`, tone: 'text' },
    { text: `  usages   ${list([...f.keyUsage, ...f.extKeyUsage])}`, tone: 'text' },
    {
      text: `  valid    ${d(f.notBefore)} to ${d(f.notAfter)} (${left})`,
      tone: f.daysLeft < 0 ? 'danger' : 'text',
    },
    { text: `  key      ${d(f.key)}`, tone: 'text' },
  ];
}

function problemLines(ps: readonly CertProblem[]): Line[] {
  return ps.flatMap((p) => [
    {
      text: `  ${p.severity === 'error' ? '✗' : '!'} ${p.sec ? `${p.sec} ` : ''}${d(p.text)}`,
      tone: p.severity === 'error' ? ('danger' as const) : ('warning' as const),
    },
    ...p.fix.map((f) => ({ text: `      fix: ${d(f)}`, tone: 'muted' as const })),
  ]);
}

export function reportLines(r: InspectReport | LiveReport): Line[] {
  const head: Line[] = isLive(r)
    ? [
        {
          text: `Live ${d(r.host)}:${r.port}${r.sni ? ` (SNI ${d(r.sni)})` : ''}${r.protocol ? ` ${d(r.protocol)}` : ''}: ${r.asksForClientCert ? 'asks for a client certificate (mTLS)' : 'does not ask for a client certificate'}`,
          tone: 'accent',
        },
      ]
    : [];
  const certs = r.certs.flatMap((c) => [
    ...factLines(c.facts),
    ...(c.keyMatches === undefined
      ? []
      : [
          {
            text: `  key file ${c.keyMatches ? 'matches' : 'does NOT match'}`,
            tone: c.keyMatches ? ('ok' as const) : ('danger' as const),
          },
        ]),
    ...(c.chain
      ? [
          {
            text: `  chain    ${c.chain.ok ? 'ok' : 'NOT verified'}: ${c.chain.path.map(d).join(' ← ')}${c.chain.reason ? ` (${d(c.chain.reason)})` : ''}`,
            tone: c.chain.ok ? ('ok' as const) : ('danger' as const),
          },
        ]
      : []),
    ...problemLines(c.problems),
  ]);
  // A key file: what it is and whose it is, never its content.
  const keys = r.keys.map((k) => ({
    text: `${d(k.source)}: ${d(k.key)} key${k.encrypted ? ' (encrypted: not decrypted)' : ''}${k.matches ? `, matches ${d(k.matches.source)}` : ''}`,
    tone: 'accent' as const,
  }));
  const own = new Set(r.certs.flatMap((c) => c.problems));
  const rest = problemLines(r.problems.filter((p) => !own.has(p)));
  const verdict: Line = r.problems.length
    ? { text: `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} found`, tone: 'warning' }
    : { text: 'No problem found.', tone: 'ok' };
  return [...head, ...certs, ...keys, ...rest, verdict];
}
