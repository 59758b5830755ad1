// The regression issue 15 names: a replica whose tls-cert-file has serverAuth only cannot
// replicate from a primary with tls-auth-clients yes (Redis presents that certificate as its
// client certificate), and `certs inspect` names it (no-client-auth) before anyone tries;
// the same replica with a node certificate for both usages replicates.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLeaf } from '../../src/pki/generate.js';
import type { CertUsage } from '../../src/pki/generate.js';
import { callOnce } from '../support/resp-client.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { until } from '../helpers/until.js';
import { cli } from './acl-cli.js';

let primary: RedisHandle;
let replica: RedisHandle;
beforeAll(async () => {
  [primary, replica] = await Promise.all([startRedis({ tls: 'mutual' }), startRedis({ tls: true })]);
});
afterAll(async () => {
  await Promise.all([primary?.stop(), replica?.stop()]);
});

/** A node certificate of the primary's CA for the replica, with these usages, as files. */
async function nodeCert(usage: CertUsage): Promise<{ cert: string; key: string }> {
  const pair = await generateLeaf({
    ca: primary.tls!.ca,
    commonName: `replica-${usage}`,
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    usage,
  });
  const cert = join(replica.dir, `replica-${usage}.crt`);
  const key = join(replica.dir, `replica-${usage}.key`);
  writeFileSync(cert, pair.certPem);
  writeFileSync(key, pair.keyPem, { mode: 0o600 });
  return { cert, key };
}

/** The replica's TLS files switched to `files` (CONFIG SET reloads them) and trusting the primary's CA. */
let replicaCa = '';
async function useFiles(files: { cert: string; key: string }) {
  const tls = { ca: replicaCa || replica.tls!.caPem, servername: 'localhost' };
  await callOnce({ host: '127.0.0.1', port: replica.port, tls }, [
    'CONFIG',
    'SET',
    'tls-cert-file',
    files.cert,
    'tls-key-file',
    files.key,
    'tls-ca-cert-file',
    primary.tls!.caPath,
    'tls-replication',
    'yes',
  ]);
  replicaCa = primary.tls!.caPem;
}
const info = async () =>
  String(
    await callOnce(
      { host: '127.0.0.1', port: replica.port, tls: { ca: replicaCa, servername: 'localhost' } },
      ['INFO', 'replication'],
    ),
  );

describe('serverAuth-only node certificates and replication', () => {
  it('inspect names it; the primary refuses the replica; a certificate for both usages replicates', async () => {
    const serverOnly = await nodeCert('server');
    const named = await cli([
      'certs',
      'inspect',
      serverOnly.cert,
      serverOnly.key,
      '--ca',
      primary.tls!.caPath,
      '--json',
    ]);
    expect(named.code).toBe(1);
    const doc = JSON.parse(named.stdout) as { problems: { code: string; text: string }[] };
    expect(doc.problems.map((p) => p.code)).toEqual(['no-client-auth']);
    expect(doc.problems[0]!.text).toContain('replication');

    await useFiles(serverOnly);
    await callOnce(
      { host: '127.0.0.1', port: replica.port, tls: { ca: replicaCa, servername: 'localhost' } },
      ['REPLICAOF', '127.0.0.1', String(primary.port)],
    );
    // The primary says why in its log: the replica's certificate is not for client use.
    await until(
      () => /unsupported certificate purpose|certificate verify failed/.test(primary.logTail(50)),
      'the primary refusing the replica',
      15_000,
      100,
    );
    expect(await info()).toContain('master_link_status:down');

    const both = await nodeCert('both');
    expect((await cli(['certs', 'inspect', both.cert, both.key, '--ca', primary.tls!.caPath])).code).toBe(0);
    await useFiles(both);
    await until(async () => (await info()).includes('master_link_status:up'), 'replication up', 15_000, 100);
  });
});
