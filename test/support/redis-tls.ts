import { join } from 'node:path';
import { generateCa, generateLeaf } from '../../src/pki/generate.js';
import type { KeyType, PemPair } from '../../src/pki/generate.js';
import { writePkiFiles } from '../../src/pki/write.js';

export interface TlsFiles {
  dir: string;
  /** The CA, key included, so a test can sign more certificates (expired, wrong usage...). */
  ca: PemPair;
  caPath: string;
  caPem: string;
  certPath: string;
  keyPath: string;
  clientCertPath?: string;
  clientKeyPath?: string;
  clientCertPem?: string;
  clientKeyPem?: string;
}

export interface TlsRequest {
  mutual: boolean;
  /** Make the server certificate for this name only, so clients reaching 127.0.0.1 must reject it. */
  serverCertHost?: string;
  keyType?: KeyType;
}

/** CA, server and (for mTLS) client certificates made by src/pki, written with the product's modes. */
export async function makeTlsFiles(serverDir: string, request: TlsRequest): Promise<TlsFiles> {
  const dir = join(serverDir, 'tls');
  const keyType = request.keyType ?? 'ecdsa-p256';
  const ca = await generateCa({ commonName: 'redis-warden test CA', keyType });
  const host = request.serverCertHost;
  const server = await generateLeaf({
    ca,
    commonName: host ?? 'localhost',
    dnsNames: host ? [host] : ['localhost'],
    ipAddresses: host ? [] : ['127.0.0.1', '::1'],
    // Redis presents tls-cert-file on its outgoing replication and cluster-bus links too.
    usage: 'both',
    keyType,
  });
  const client = request.mutual
    ? await generateLeaf({ ca, commonName: 'redis-client', usage: 'client', keyType })
    : undefined;
  const files = [
    { name: 'ca.crt', content: ca.certPem, kind: 'cert' as const },
    { name: 'redis.crt', content: server.certPem, kind: 'cert' as const },
    { name: 'redis.key', content: server.keyPem, kind: 'key' as const },
  ];
  if (client) {
    files.push(
      { name: 'client.crt', content: client.certPem, kind: 'cert' as const },
      { name: 'client.key', content: client.keyPem, kind: 'key' as const },
    );
  }
  const [caPath = '', certPath = '', keyPath = '', clientCertPath, clientKeyPath] = await writePkiFiles(
    dir,
    files,
  );
  return {
    dir,
    ca,
    caPath,
    caPem: ca.certPem,
    certPath,
    keyPath,
    ...(client
      ? { clientCertPath, clientKeyPath, clientCertPem: client.certPem, clientKeyPem: client.keyPem }
      : {}),
  };
}
