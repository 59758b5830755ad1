// Network: where the node listens (issue 14, Checks > Network). "Bind to localhost only" and
// "Enable protected-mode" are Development boxes (Basic); the plain port beside TLS belongs to
// TLS (High: the maturity table's High is "ACL + TLS + Network"); the unix socket is Standard
// ("Restrict network access", and CVE-2023-45145 is about that socket's permissions).
import { parseNetworks, inNetworks } from '../clients/cidr.js';
import { configEvidence, configSetFix, fail, num, pass, restartFix, withConfig } from './finding.js';
import type { CheckDef } from './types.js';

const DEV = 'Security Checklist > Development';

/** Loopback and private ranges: a bind to one of these is not "public". */
const PRIVATE = parseNetworks([
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '100.64.0.0/10',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
]);

/** What is wrong with one bind address: a wildcard, a public address, or nothing. */
export function bindProblem(address: string): 'wildcard' | 'public' | undefined {
  // `-::1`: the leading dash only makes the address optional.
  const a = address.replace(/^-/, '');
  if (a === '*' || a === '0.0.0.0' || a === '::' || a === '::*' || a === '') return 'wildcard';
  const inside = inNetworks(a, PRIVATE);
  if (inside === false) return 'public';
  return undefined;
}

export const NETWORK_CHECKS: CheckDef[] = [
  {
    id: 'NET-001',
    title: 'protected-mode is yes',
    area: 'network',
    level: 'basic',
    severity: 'high',
    seed: `${DEV} > Enable protected-mode; Network Security > Bind Configuration`,
    why: 'Development: "Enable protected-mode"',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'protected-mode')];
        if (get('protected-mode')?.toLowerCase() === 'yes') return pass('protected-mode is on', ev);
        return fail(
          'protected-mode is off: with no password and a wide bind, anyone is served (attackers flip it at run time)',
          ev,
          configSetFix(facts, 'protected-mode', 'yes', 'Turn protected-mode on'),
        );
      }),
  },
  {
    id: 'NET-002',
    title: 'bind names no wildcard and no public address',
    area: 'network',
    level: 'basic',
    severity: 'high',
    seed: `${DEV} > Bind to localhost only; Network Security > Bind Configuration`,
    why: 'Development: "Bind to localhost only" (a private interface is accepted: Standard\'s "Restrict network access" is by hand)',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'bind')];
        const addresses = (get('bind') ?? '').split(/\s+/).filter(Boolean);
        // An empty bind listens everywhere.
        const bad =
          addresses.length === 0 ? ['(empty: every interface)'] : addresses.filter((a) => bindProblem(a));
        if (bad.length === 0) return pass(`bound to ${addresses.join(' ')}`, ev);
        return fail(
          `listens on ${bad.join(', ')}: reachable from every network the host is on`,
          ev,
          restartFix(
            'Bind to loopback and the private interface clients use',
            ['bind 127.0.0.1 -::1'],
            ['CONFIG SET bind "127.0.0.1 -::1"'],
          ),
          bad,
        );
      }),
  },
  {
    id: 'NET-003',
    title: 'The plain port is closed when TLS is on (port 0)',
    area: 'network',
    level: 'high',
    severity: 'high',
    seed: 'TLS Configuration > Server Configuration > port 0 (disable plain port)',
    why: 'the maturity table\'s High is "ACL + TLS + Network": a plain port beside TLS undoes it',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'port', 'tls-port')];
        const port = num(get('port')) ?? 0;
        const tlsPort = num(get('tls-port')) ?? 0;
        if (port === 0 && tlsPort > 0) return pass('only the TLS port listens', ev);
        if (tlsPort === 0)
          return fail(
            'no TLS listener: every client speaks plain text',
            ev,
            restartFix('Listen on TLS only', ['tls-port 6379', 'port 0']),
          );
        return fail(
          `plain port ${port} is open beside tls-port ${tlsPort}`,
          ev,
          restartFix('Close the plain port once clients use TLS', ['port 0'], ['CONFIG SET port 0']),
        );
      }),
  },
  {
    id: 'NET-004',
    title: 'The unix socket is not wider than 770',
    area: 'network',
    level: 'standard',
    severity: 'medium',
    seed: 'Security Checklist > Staging > Restrict network access',
    why: 'Staging: "Restrict network access"; a world-accessible socket is a network without a firewall (CVE-2023-45145)',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'unixsocket', 'unixsocketperm')];
        if (!get('unixsocket')) return pass('no unix socket', ev);
        const perm = parseInt(get('unixsocketperm') ?? '0', 8);
        // Anything for "other" (the last octal digit) is wider than 770.
        if (Number.isNaN(perm) || (perm & 0o007) === 0)
          return pass(`socket mode ${get('unixsocketperm')}`, ev);
        return fail(
          `socket mode ${get('unixsocketperm')}: every local user can connect`,
          ev,
          restartFix('Narrow the socket', ['unixsocketperm 770']),
        );
      }),
  },
];
