// TLS (issue 14, Checks > TLS). The seed conflicts with itself: "Enable TLS" is a Staging box
// but its maturity table puts TLS at High ("ACL + TLS + Network"; Standard is "ACL + Network").
// The table wins: every TLS check is High; the Staging box is still shown in the checklist.
import { configEvidence, fail, isYes, num, pass, restartFix, unread, warn, withConfig } from './finding.js';
import { infoField } from './finding.js';
import type { CheckDef, Finding, NodeFacts, PresentedCert } from './types.js';

const SERVER_CONF = 'TLS Configuration > Server Configuration';
const WHY = 'the maturity table: High is "ACL + TLS + Network" (the Staging box "Enable TLS" yields to it)';

const tlsOn = (get: (n: string) => string | undefined) => (num(get('tls-port')) ?? 0) > 0;

/** Has replicas or is one (INFO replication), or the audit runs on a cluster. */
function replicated(facts: NodeFacts, cluster: boolean): boolean {
  const role = infoField(facts, 'replication', 'role');
  const replicas = Number(infoField(facts, 'replication', 'connected_slaves') ?? '0');
  return cluster || role === 'slave' || replicas > 0;
}

const clusterEnabled = (facts: NodeFacts, get: (n: string) => string | undefined): boolean =>
  isYes(get('cluster-enabled')) || infoField(facts, 'cluster', 'cluster_enabled') === '1';

/** Runs `judge` on the presented certificate, or passes when the node has no TLS to present. */
function withCert(facts: NodeFacts, judge: (cert: PresentedCert) => Finding): Finding {
  const c = facts.certificate;
  if (c === undefined) return pass('not applicable: no TLS listener to hand over a certificate');
  if (!c.ok) return unread('the TLS handshake', c);
  return judge(c.value);
}

const certEvidence = (cert: PresentedCert, what: string) => ({
  command: 'TLS handshake (certificate presented)',
  value: `${what}; subject ${cert.subject}; issuer ${cert.issuer}; serial ${cert.serial}`,
});

/** Does a SAN (DNS, wildcard one label deep, or IP) cover the host? */
export function sanMatches(cert: PresentedCert, host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (cert.ipAddresses.some((ip) => ip.toLowerCase() === h)) return true;
  return cert.dnsNames.some((raw) => {
    const name = raw.toLowerCase();
    if (name === h) return true;
    if (!name.startsWith('*.')) return false;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot) === name.slice(1);
  });
}

const TLS_CONF = [
  'tls-port 6379',
  'port 0',
  'tls-cert-file /etc/redis/tls/redis.crt',
  'tls-key-file /etc/redis/tls/redis.key',
  'tls-ca-cert-file /etc/redis/tls/ca.crt',
];

export const TLS_CHECKS: CheckDef[] = [
  {
    id: 'TLS-001',
    title: 'A TLS listener is on (tls-port)',
    area: 'tls',
    level: 'high',
    severity: 'high',
    seed: `Security Checklist > Staging > Enable TLS; ${SERVER_CONF}`,
    why: WHY,
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'tls-port', 'port')];
        if (tlsOn(get)) return pass(`TLS on port ${get('tls-port')}`, ev);
        return fail(
          'no TLS listener: passwords and data cross the network in clear',
          ev,
          restartFix('Turn TLS on (the Certs pane makes the certificates)', TLS_CONF),
        );
      }),
  },
  {
    id: 'TLS-002',
    title: 'Clients must present a certificate (tls-auth-clients yes)',
    area: 'tls',
    level: 'high',
    severity: 'medium',
    seed: `Security Checklist > Production > mTLS with client certificates; ${SERVER_CONF} > tls-auth-clients yes`,
    why: 'Production: "mTLS with client certificates"',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'tls-port', 'tls-auth-clients')];
        if (!tlsOn(get))
          return fail(
            'no TLS listener, so no client certificates',
            ev,
            restartFix('Turn TLS on with mTLS', [...TLS_CONF, 'tls-auth-clients yes']),
          );
        if (get('tls-auth-clients')?.toLowerCase() === 'yes')
          return pass('mTLS: every client presents a certificate', ev);
        return fail(
          `tls-auth-clients is ${get('tls-auth-clients') ?? '(absent)'}: any client may connect without a certificate`,
          ev,
          {
            text: 'Require client certificates',
            commands: ['CONFIG SET tls-auth-clients yes'],
            conf: ['tls-auth-clients yes'],
          },
        );
      }),
  },
  {
    id: 'TLS-003',
    title: 'tls-protocols excludes TLSv1 and TLSv1.1',
    area: 'tls',
    level: 'high',
    severity: 'medium',
    seed: `${SERVER_CONF} > tls-protocols "TLSv1.2 TLSv1.3"`,
    why: WHY,
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'tls-protocols')];
        if (!tlsOn(get)) return pass('not applicable: no TLS listener', ev);
        const old = (get('tls-protocols') ?? '').split(/\s+/).filter((p) => /^TLSv1(\.1)?$/i.test(p));
        // Empty means the server's default: TLSv1.2 and TLSv1.3.
        if (old.length === 0)
          return pass(`protocols: ${get('tls-protocols') || 'default (TLSv1.2 TLSv1.3)'}`, ev);
        return fail(`${old.join(', ')} allowed`, ev, {
          text: 'Allow TLSv1.2 and TLSv1.3 only',
          commands: ['CONFIG SET tls-protocols "TLSv1.2 TLSv1.3"'],
          conf: ['tls-protocols "TLSv1.2 TLSv1.3"'],
        });
      }),
  },
  {
    id: 'TLS-004',
    title: 'Replication runs over TLS (tls-replication yes) where there is a replica',
    area: 'tls',
    level: 'high',
    severity: 'medium',
    seed: `${SERVER_CONF} > tls-replication yes`,
    why: WHY,
    check: (facts, ctx) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'tls-replication')];
        if (!replicated(facts, ctx.cluster)) return pass('not applicable: no replica', ev);
        if (isYes(get('tls-replication'))) return pass('replication is encrypted', ev);
        return fail(
          'replication (the whole dataset) crosses the network in clear',
          ev,
          restartFix('Encrypt replication', ['tls-replication yes']),
        );
      }),
  },
  {
    id: 'TLS-005',
    title: 'The cluster bus runs over TLS (tls-cluster yes) on a cluster',
    area: 'tls',
    level: 'high',
    severity: 'medium',
    seed: `${SERVER_CONF} > tls-cluster yes`,
    why: WHY,
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'cluster-enabled', 'tls-cluster')];
        if (!clusterEnabled(facts, get)) return pass('not applicable: not a cluster node', ev);
        if (isYes(get('tls-cluster'))) return pass('the cluster bus is encrypted', ev);
        return fail(
          'the cluster bus is in clear',
          ev,
          restartFix('Encrypt the cluster bus', ['tls-cluster yes']),
        );
      }),
  },
  {
    id: 'TLS-006',
    title: 'The certificate is valid for 30 days or more',
    area: 'tls',
    level: 'high',
    severity: 'high',
    seed: 'Troubleshooting Guide > TLS Connection Failed > Check certificate dates',
    why: WHY,
    check: (facts, ctx) =>
      withCert(facts, (cert) => {
        const days = Math.floor((Date.parse(cert.notAfter) - ctx.now.getTime()) / 86_400_000);
        const ev = [certEvidence(cert, `notAfter ${cert.notAfter}`)];
        const renew = {
          text: 'Renew it (Certs pane), then `CONFIG SET tls-cert-file ...` to load it',
          commands: [
            'CONFIG SET tls-cert-file /etc/redis/tls/redis.crt tls-key-file /etc/redis/tls/redis.key',
          ],
        };
        if (days < 0) return fail(`expired ${-days} day(s) ago`, ev, renew);
        if (Date.parse(cert.notBefore) > ctx.now.getTime())
          return fail(`not valid before ${cert.notBefore}`, ev, renew);
        if (days < 30) return warn(`expires in ${days} day(s)`, ev, renew);
        return pass(`${days} days left`, ev);
      }),
  },
  {
    id: 'TLS-007',
    title: "The certificate's SANs name the host the console connects to",
    area: 'tls',
    level: 'high',
    severity: 'medium',
    seed: 'Troubleshooting Guide > TLS Connection Failed > Check hostname matches',
    why: WHY,
    check: (facts) =>
      withCert(facts, (cert) => {
        const ev = [
          certEvidence(
            cert,
            `SANs DNS:${cert.dnsNames.join(',') || '-'} IP:${cert.ipAddresses.join(',') || '-'}`,
          ),
        ];
        if (sanMatches(cert, facts.host)) return pass(`a SAN names ${facts.host}`, ev);
        return fail(`no SAN names ${facts.host}: clients that verify hostnames refuse it`, ev, {
          text: `Reissue it with ${facts.host} among the SANs (Certs pane)`,
        });
      }),
  },
  {
    id: 'TLS-008',
    title: 'The certificate chains to the CA',
    area: 'tls',
    level: 'high',
    severity: 'high',
    seed: 'Troubleshooting Guide > TLS Connection Failed > Verify certificate chain',
    why: WHY,
    check: (facts) =>
      withCert(facts, (cert) => {
        const ev = [
          certEvidence(cert, cert.chainOk ? 'chain verified' : `chain: ${cert.chainError ?? 'not verified'}`),
        ];
        if (cert.chainOk) return pass('the chain verifies against the CA', ev);
        return fail(`the chain does not verify: ${cert.chainError ?? 'unknown reason'}`, ev, {
          text: 'Serve the full chain and point clients at the CA that signed it',
          commands: ['openssl verify -CAfile ca.crt redis.crt'],
        });
      }),
  },
  {
    id: 'TLS-009',
    title: 'A certificate shared with replication or the cluster bus has serverAuth and clientAuth',
    area: 'tls',
    level: 'high',
    severity: 'medium',
    seed: `${SERVER_CONF} > tls-replication / tls-cluster`,
    why: WHY,
    check: (facts) => {
      if (!facts.config.ok) return unread('CONFIG GET', facts.config);
      const config = facts.config.value;
      const shared =
        (isYes(config['tls-replication']) || isYes(config['tls-cluster'])) && !config['tls-client-cert-file'];
      return withCert(facts, (cert) => {
        const ev = [certEvidence(cert, `extKeyUsage ${cert.extKeyUsage.join(',') || '(none: any use)'}`)];
        if (!shared) return pass('not applicable: the certificate does not also serve as a client', ev);
        const eku = cert.extKeyUsage;
        if (eku.length === 0 || (eku.includes('serverAuth') && eku.includes('clientAuth')))
          return pass('serves both ends of replication / the cluster bus', ev);
        return fail(
          `extKeyUsage ${eku.join(',')}: peers refuse it as a client ("unsupported certificate")`,
          ev,
          {
            text: 'Reissue with serverAuth and clientAuth, or set tls-client-cert-file to a clientAuth certificate',
            conf: [
              'tls-client-cert-file /etc/redis/tls/client.crt',
              'tls-client-key-file /etc/redis/tls/client.key',
            ],
          },
        );
      });
    },
  },
];
