// The certificate wizard's operations, for the Certs pane and `redis-warden certs generate`
// alike: a plan (what to make, where), its problems, a preview of every certificate, then the
// files written (keys 0600, certificates 0644) and the chain verified from disk. What Redis
// needs is encoded in the defaults: a node certificate is serverAuth + clientAuth, because
// Redis presents tls-cert-file as its client certificate too (replication, the cluster bus).
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { keyLabel } from '../pki/keys.js';
import type { KeyType } from '../pki/keys.js';
import { subjectString } from '../pki/generate.js';
import { filesOf, nodeHost } from './certs-check.js';

export type { KeyType } from '../pki/keys.js';
export { checkPlan, uncoveredNodes } from './certs-check.js';
export { generatePlan } from './certs-write.js';
export type { GenerateResult, WrittenFile } from './certs-write.js';
export { nextSteps } from './certs-next.js';
export type { NextSteps } from './certs-next.js';
export { renewFiles } from './certs-renew.js';
export { reloadTls } from './certs-reload.js';
export type { ReloadParams } from './certs-reload.js';
export type { RenewResult } from './certs-renew.js';

export interface CertRequest {
  role: 'ca' | 'server' | 'client';
  /** The file stem: `ca` -> ca.crt + ca.key, `node-1`, `app`. */
  file: string;
  commonName: string;
  dnsNames: string[];
  ipAddresses: string[];
  usage: 'server' | 'client' | 'both';
  days: number;
  keyType: KeyType;
  /** CA only: how many CAs may sit below it (0: it signs leaves only). */
  pathLength?: number;
  /** A node certificate of the target: that node's `host:port` (its redis.conf block uses the port). */
  node?: string;
}

export interface CertPlan {
  dir: string;
  ca: { new: CertRequest } | { existing: { certPath: string; keyPath: string } };
  leaves: CertRequest[];
}

export interface PlanProblem {
  level: 'error' | 'warning';
  text: string;
  /** Set when the problem is a file that exists: the path to name in `overwrite` to replace it. */
  file?: string;
}

export interface CertPreview {
  file: string;
  role: CertRequest['role'];
  subject: string;
  dnsNames: string[];
  ipAddresses: string[];
  usages: string[];
  notBefore: string;
  notAfter: string;
  /** `ECDSA P-256`, `RSA 3072`: as inspect names it. */
  key: string;
}

export const CA_DAYS = 3650;
export const LEAF_DAYS = 365;
export const DEFAULT_KEY: KeyType = 'ecdsa-p256';
export const DEFAULT_DIR = 'redis-tls';
// Health checks and probes on the host itself connect by these names (bitnami/charts#8854).
const LOCAL_NAMES = { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] };
const DAY_MS = 86_400_000;
const SKEW_MS = 60_000;

/** A file stem from a name an operator (or a server) chose: only [A-Za-z0-9._-], never hidden. */
export function fileStem(name: string): string {
  const stem = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.]+/, '_');
  return stem === '' ? '_' : stem.slice(0, 64);
}

/** A host's names, sorted into DNS names and IP addresses, plus the local ones. */
function sansFor(hosts: readonly string[]): { dnsNames: string[]; ipAddresses: string[] } {
  const all = [
    ...new Set([...hosts.filter((h) => h !== ''), ...LOCAL_NAMES.dnsNames, ...LOCAL_NAMES.ipAddresses]),
  ];
  return {
    dnsNames: all.filter((h) => isIP(h) === 0),
    ipAddresses: all.filter((h) => isIP(h) !== 0),
  };
}

function caRequest(): CertRequest {
  return {
    role: 'ca',
    file: 'ca',
    commonName: 'Redis CA',
    dnsNames: [],
    ipAddresses: [],
    usage: 'both',
    days: CA_DAYS,
    keyType: DEFAULT_KEY,
    pathLength: 0,
  };
}

function leafRequest(
  role: 'server' | 'client',
  file: string,
  commonName: string,
  hosts: string[],
): CertRequest {
  return {
    role,
    file: fileStem(file),
    commonName,
    ...(role === 'server' ? sansFor(hosts) : { dnsNames: [], ipAddresses: [] }),
    usage: role === 'server' ? 'both' : 'client',
    days: LEAF_DAYS,
    keyType: DEFAULT_KEY,
  };
}

/**
 * The wizard's starting point. `nodes` are the target's node addresses (host:port); `host`
 * the profile's host; `users` the application users that get a client certificate each.
 */
export function defaultsFor(
  kind: 'ca' | 'server' | 'client' | 'deployment',
  ctx: { nodes: string[]; host?: string; users?: string[] },
): CertPlan {
  const hosts = [...new Set([...(ctx.host ? [ctx.host] : []), ...ctx.nodes.map(nodeHost)])];
  const users = ctx.users?.length ? ctx.users : ['app'];
  const clients = () => users.map((u) => leafRequest('client', u, u, []));
  const plan = (leaves: CertRequest[]): CertPlan => ({ dir: DEFAULT_DIR, ca: { new: caRequest() }, leaves });
  switch (kind) {
    case 'ca':
      return plan([]);
    case 'server':
      return plan([leafRequest('server', 'redis', hosts[0] ?? 'redis', hosts)]);
    case 'client':
      return plan(clients());
    case 'deployment': {
      const nodes = ctx.nodes.length ? ctx.nodes : [ctx.host ?? 'localhost'];
      const servers = nodes.map((n, i) => ({
        ...leafRequest('server', `node-${i + 1}`, nodeHost(n), [nodeHost(n)]),
        ...(ctx.nodes.length ? { node: n } : {}),
      }));
      return plan([...servers, ...clients()]);
    }
  }
}

/** What `usage` puts in the certificate, as inspect names it. */
export function usagesOf(req: CertRequest): string[] {
  if (req.role === 'ca') return ['keyCertSign', 'cRLSign', `pathlen:${req.pathLength ?? 0}`];
  const rsa = req.keyType.startsWith('rsa-');
  const ku = rsa ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
  const eku =
    req.usage === 'server'
      ? ['serverAuth']
      : req.usage === 'client'
        ? ['clientAuth']
        : ['serverAuth', 'clientAuth'];
  return [...ku, ...eku];
}

// A name the generator would refuse is still shown (checkPlan says what is wrong with it).
function subjectOf(commonName: string): string {
  try {
    return subjectString(commonName);
  } catch {
    return `CN=${commonName}`;
  }
}

/** Every certificate the plan makes, as it will be: nothing is generated or written. */
export async function previewPlan(
  plan: CertPlan,
  opts: { caKeyPassphrase?: string; now?: Date } = {},
): Promise<CertPreview[]> {
  const now = opts.now ?? new Date();
  const requests = 'new' in plan.ca ? [plan.ca.new, ...plan.leaves] : plan.leaves;
  return Promise.resolve(
    requests.map((req) => ({
      file: resolve(plan.dir, `${req.file}.crt`),
      role: req.role,
      subject: subjectOf(req.commonName),
      dnsNames: req.dnsNames,
      ipAddresses: req.ipAddresses,
      usages: usagesOf(req),
      notBefore: new Date(now.getTime() - SKEW_MS).toISOString(),
      notAfter: new Date(now.getTime() + req.days * DAY_MS).toISOString(),
      key: keyLabel(req.keyType),
    })),
  );
}

// Which files a plan writes, for the pane to ask about those that exist.
export { filesOf };
