// The text form of an inspection (certs inspect, certs check): one block per certificate,
// its problems with their fixes under it. Lines are raw here; the caller escapes each once.
import type { CertProblem, InspectedCert, InspectReport, LiveReport } from '../ops/certs-inspect.js';

const KEY_CODES = new Set(['key-mismatch', 'encrypted-key']);
const day = (iso: string) => iso.slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function problemLines(problems: readonly CertProblem[], indent = '  '): string[] {
  return problems.flatMap((p) => [
    `${indent}${p.severity === 'error' ? 'ERROR' : 'WARNING'}${p.sec ? ` ${p.sec}` : ''}: ${p.text}`,
    ...p.fix.map((f) => `${indent}  → ${f}`),
  ]);
}

function certLines({ facts: f, problems, chain, keyMatches }: InspectedCert): string[] {
  const names = [...f.dnsNames.map((n) => `DNS:${n}`), ...f.ipAddresses.map((ip) => `IP:${ip}`)];
  const left =
    f.daysLeft < 0 ? `expired ${plural(-f.daysLeft, 'day')} ago` : `${plural(f.daysLeft, 'day')} left`;
  const lines = [
    `${f.source}  ${f.subject}`,
    `  issuer    ${f.issuer}${f.selfSigned ? ' (self-signed)' : ''}`,
    `  serial    ${f.serial}`,
    `  valid     ${day(f.notBefore)} to ${day(f.notAfter)} (${left})`,
    `  names     ${names.length > 0 ? names.join(', ') : '(no subjectAltName)'}`,
    `  usage     ${[...f.keyUsage, ...f.extKeyUsage].join(', ') || '(any: no key usage extensions)'}`,
    `  key       ${f.key}${keyMatches === undefined ? '' : keyMatches ? ' (the key file given matches)' : ' (no key file given matches it)'}`,
  ];
  if (f.isCa)
    lines.push(`  CA        yes${f.pathLength === undefined ? '' : ` (path length ${f.pathLength})`}`);
  if (chain)
    lines.push(
      `  chain     ${chain.ok ? 'verifies' : 'does not verify'}: ${chain.path.join(' <- ')}${chain.anchor ? ` (${chain.anchor})` : ''}`,
    );
  lines.push(`  sha256    ${f.sha256}`);
  return [...lines, ...problemLines(problems)];
}

function summary(problems: readonly CertProblem[]): string {
  if (problems.length === 0) return 'no problem found';
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${plural(errors, 'error')}, ${plural(problems.length - errors, 'warning')}`;
}

export function inspectText(report: InspectReport): string[] {
  const keyLines = report.keys.flatMap((k) => {
    const head = `${k.source}  private key, ${k.encrypted ? 'encrypted (not decrypted)' : k.key}`;
    const owner = k.matches ? `  matches   ${k.matches.source} (${k.matches.subject})` : undefined;
    const problems = report.problems.filter((p) => p.about === k.source && KEY_CODES.has(p.code));
    return [head, ...(owner ? [owner] : []), ...problemLines(problems), ''];
  });
  return [...report.certs.flatMap((c) => [...certLines(c), '']), ...keyLines, summary(report.problems)];
}

export function liveText(report: LiveReport): string[] {
  const [leaf, ...chain] = report.certs;
  return [
    `${report.host}:${report.port}${report.sni ? ` (SNI ${report.sni})` : ''}: ${report.protocol ?? 'TLS'}${report.cipher ? `, ${report.cipher}` : ''}`,
    `  client certificate: ${report.asksForClientCert ? 'asked for (tls-auth-clients yes or optional): clients need one (redis-cli --tls --cert client.crt --key client.key --cacert ca.crt)' : 'not asked for'}`,
    `  presented: ${plural(report.presented.length, 'certificate')}`,
    '',
    ...(leaf ? [...certLines(leaf), ''] : []),
    ...chain.flatMap((c) => [...certLines(c), '']),
    summary(report.problems),
  ];
}
