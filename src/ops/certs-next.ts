// What to do with the files just written: the redis.conf TLS block, an ACL line per client
// certificate's user, client snippets (redis-cli, ioredis, redis-py) and a profile's TLS part.
import { resolve } from 'node:path';
import type { TlsSettings } from '../profiles/schema.js';
import type { CertPlan, CertRequest } from './certs.js';

export interface NextSteps {
  /** The redis.conf TLS block (for each node its own files, when there is more than one). */
  conf: string[];
  /** ACL lines for the client certificates' users: Redis does not map a certificate to a user. */
  acl?: string[];
  snippets: { redisCli: string; ioredis: string; redisPy: string };
  /** The TLS part of a saved profile that connects with the (first) client certificate. */
  profile?: { tls: TlsSettings };
}

const quote = (path: string) => (/^[A-Za-z0-9_./:-]+$/.test(path) ? path : JSON.stringify(path));
const shq = (s: string) => (/^[A-Za-z0-9_./:@=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function caPaths(plan: CertPlan): { cert: string; key?: string } {
  if ('new' in plan.ca) return { cert: resolve(plan.dir, `${plan.ca.new.file}.crt`) };
  return { cert: resolve(plan.ca.existing.certPath) };
}

/** The port of a `host:port` (or `[v6]:port`) node address. */
function portOf(node: string | undefined): number | undefined {
  const m = node === undefined ? null : /:(\d+)$/.exec(node);
  return m ? Number(m[1]) : undefined;
}

/**
 * `written` is what generatePlan wrote; the paths are the plan's either way (a step shown
 * before writing names the same files). `port` is the TLS port clients use (default 6379).
 */
export function nextSteps(
  plan: CertPlan,
  _written: readonly { path: string }[] = [],
  ctx: { port?: number; host?: string } = {},
): NextSteps {
  const port = ctx.port ?? 6379;
  const ca = caPaths(plan).cert;
  const path = (req: CertRequest, ext: string) => resolve(plan.dir, `${req.file}.${ext}`);
  const servers = plan.leaves.filter((l) => l.role === 'server');
  const clients = plan.leaves.filter((l) => l.role === 'client');
  const conf: string[] = [];
  for (const node of servers) {
    if (servers.length > 1) conf.push(`# ${node.file} (${node.commonName})`);
    // A node of the target keeps its own port, now on TLS (its clients need not change the port).
    conf.push('port 0', `tls-port ${portOf(node.node) ?? port}`);
    conf.push(`tls-cert-file ${quote(path(node, 'crt'))}`, `tls-key-file ${quote(path(node, 'key'))}`);
    conf.push(`tls-ca-cert-file ${quote(ca)}`, 'tls-auth-clients yes', 'tls-protocols "TLSv1.2 TLSv1.3"');
    if (node.usage === 'server') {
      // Redis presents tls-cert-file as its client certificate too; a serverAuth-only one fails
      // the primary's check, so replication and the bus need a clientAuth certificate of their own.
      const outgoing = plan.leaves.find((l) => l.usage !== 'server' && l.role !== 'ca');
      if (outgoing) {
        conf.push(`tls-client-cert-file ${quote(path(outgoing, 'crt'))}`);
        conf.push(`tls-client-key-file ${quote(path(outgoing, 'key'))}`);
      } else
        conf.push(
          '# this certificate has no clientAuth: set tls-client-cert-file / tls-client-key-file to a client certificate before enabling replication',
        );
    }
    // Replicas and the cluster bus connect with this same certificate (it has clientAuth).
    if (servers.length > 1) conf.push('tls-replication yes', '# on a cluster also: tls-cluster yes');
    else conf.push('# with replicas: tls-replication yes; on a cluster: tls-cluster yes');
    if (servers.length > 1) conf.push('');
  }
  if (conf.at(-1) === '') conf.pop();
  const acl = clients.map(
    (c) =>
      `ACL SETUSER ${shq(c.commonName)} on >CHANGE-ME ~* &* +@all -@dangerous  # a certificate proves the client, AUTH still names the user`,
  );
  const client = clients[0];
  const host = ctx.host ?? servers[0]?.dnsNames[0] ?? servers[0]?.ipAddresses[0] ?? '127.0.0.1';
  const cert = client ? path(client, 'crt') : 'client.crt';
  const key = client ? path(client, 'key') : 'client.key';
  const user = client?.commonName;
  const snippets = {
    redisCli: `redis-cli --tls --cert ${shq(cert)} --key ${shq(key)} --cacert ${shq(ca)} -h ${shq(host)} -p ${port}${user ? ` --user ${shq(user)} --askpass` : ''}`,
    ioredis: [
      "import { readFileSync } from 'node:fs';",
      "import Redis from 'ioredis';",
      `const redis = new Redis({ host: ${JSON.stringify(host)}, port: ${port},${user ? ` username: ${JSON.stringify(user)}, password: process.env.REDIS_PASSWORD,` : ''}`,
      `  tls: { ca: readFileSync(${JSON.stringify(ca)}), cert: readFileSync(${JSON.stringify(cert)}), key: readFileSync(${JSON.stringify(key)}) } });`,
    ].join('\n'),
    redisPy: [
      'import os, redis',
      `r = redis.Redis(host=${JSON.stringify(host)}, port=${port}, ssl=True,${user ? ` username=${JSON.stringify(user)}, password=os.environ["REDIS_PASSWORD"],` : ''}`,
      `    ssl_ca_certs=${JSON.stringify(ca)}, ssl_certfile=${JSON.stringify(cert)}, ssl_keyfile=${JSON.stringify(key)})`,
    ].join('\n'),
  };
  return {
    conf,
    ...(acl.length > 0 && { acl }),
    snippets,
    ...(client && { profile: { tls: { enabled: true, cacert: ca, cert, key } } }),
  };
}
