// The ONE place the Certs pane reaches certificate generation (src/ops/certs.ts, h/certs-gen),
// inspection (src/ops/certs-inspect.ts, h/certs-inspect) and the live reload ('tls.reload').
// Neither module is on this branch: below are minimal STAND-INs with their shapes, built on
// src/pki, enough for the pane and its tests. At merge the lead replaces this whole file with:
//   export * from '../../ops/certs.js'; export { reloadTls } from '../../ops/certs-reload.js';
//   export type { ReloadParams } from '../../ops/certs-reload.js';
//   export * from '../../ops/certs-inspect.js';
// Nothing here is the product's logic: do not grow it, replace it.
import { createPrivateKey } from 'node:crypto';
import { lstatSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCa, generateLeaf } from '../../pki/generate.js';
import type { PemPair } from '../../pki/generate.js';
import { inspectCertificate, verifyIssuedBy } from '../../pki/inspect.js';
import { writePkiFiles } from '../../pki/write.js';
import type { PkiFile } from '../../pki/write.js';
import type { OperationContext } from '../../ops/operations/types.js';
import type { OperationResult } from '../../ops/operations/run.js';
import type { TlsOptions } from '../../redis/connect.js';
import { presentedCertificate } from '../../redis/tls-peer.js';

// ---------------------------------------------------------------- STAND-IN (h/certs-gen API)
export type KeyType = 'ecdsa-p256' | 'ecdsa-p384' | 'rsa-2048' | 'rsa-3072' | 'rsa-4096';
export interface CertRequest {
  role: 'ca' | 'server' | 'client';
  file: string;
  commonName: string;
  dnsNames: string[];
  ipAddresses: string[];
  usage: 'server' | 'client' | 'both';
  days: number;
  keyType: KeyType;
  pathLength?: number;
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
  key: string;
}
export interface GenerateResult {
  written: { path: string; mode: number; kind: 'key' | 'cert' }[];
  verified: { file: string; ok: boolean; error?: string }[];
}
export interface NextSteps {
  conf: string[];
  acl?: string[];
  snippets: { redisCli: string; ioredis: string; redisPy: string };
  profile?: { tls: { enabled: boolean; cacert?: string; cert?: string; key?: string } };
}

const DAY = 86_400_000;
const IP = /^[\d.]+$|:/;
const keyName = (k: KeyType) => (k.startsWith('rsa-') ? `RSA ${k.slice(4)}` : `ECDSA P-${k.slice(7)}`);
const hostOf = (node: string) => node.replace(/^\[?(.*?)\]?:\d+$/, '$1');
const leaf = (role: 'server' | 'client', file: string, cn: string, names: string[]): CertRequest => ({
  role,
  file,
  commonName: cn,
  dnsNames: names.filter((n) => !IP.test(n)),
  ipAddresses: names.filter((n) => IP.test(n)),
  usage: role === 'server' ? 'both' : 'client',
  days: 365,
  keyType: 'ecdsa-p256',
});

export function defaultsFor(
  kind: 'ca' | 'server' | 'client' | 'deployment',
  ctx: { nodes: string[]; host?: string; users?: string[] },
): CertPlan {
  const ca: CertRequest = { ...leaf('server', 'ca', 'Redis CA', []), role: 'ca', days: 3650, pathLength: 0 };
  const hosts = ctx.nodes.length ? ctx.nodes.map(hostOf) : [ctx.host ?? 'localhost'];
  const servers = hosts.map((h, i) =>
    leaf('server', `node-${i + 1}`, h, [...new Set([h, 'localhost', '127.0.0.1'])]),
  );
  const clients = (ctx.users?.length ? ctx.users : ['app']).map((u) => leaf('client', u, u, []));
  const leaves = { ca: [], server: servers, client: clients, deployment: [...servers, ...clients] }[kind];
  return { dir: resolve('redis-tls'), ca: { new: ca }, leaves };
}

const filesOf = (plan: CertPlan): string[] => [
  ...('new' in plan.ca ? ['ca.crt', 'ca.key'] : []),
  ...plan.leaves.flatMap((l) => [`${l.file}.crt`, `${l.file}.key`]),
];

function caEnd(plan: CertPlan): Date | undefined {
  if ('new' in plan.ca) return new Date(Date.now() + plan.ca.new.days * DAY);
  try {
    return inspectCertificate(readFileSync(plan.ca.existing.certPath, 'utf8')).notAfter;
  } catch {
    return undefined;
  }
}

export async function checkPlan(
  plan: CertPlan,
  _ctx: { nodes?: string[]; caKeyPassphrase?: string } = {},
): Promise<PlanProblem[]> {
  await Promise.resolve();
  const out: PlanProblem[] = [];
  const end = caEnd(plan);
  for (const l of plan.leaves)
    if (end && Date.now() + l.days * DAY > end.getTime())
      out.push({ level: 'error', text: `${l.file} would outlive its CA (the CA ends ${end.toISOString()})` });
  // A node no SAN covers: the pane says so on its Names step (certs-slice.ts uncoveredNodes).
  try {
    const mode = statSync(plan.dir).mode;
    const open = mode & 0o022 ? 'writable by group or others' : mode & 0o044 ? 'readable by others' : '';
    if (open) out.push({ level: mode & 0o022 ? 'error' : 'warning', text: `${plan.dir} is ${open}` });
  } catch {
    // Not there yet: it is created 0700.
  }
  for (const f of filesOf(plan)) {
    const path = join(plan.dir, f);
    try {
      lstatSync(path);
      out.push({ level: 'error', text: `${path} exists: overwriting it needs a confirmation`, file: path });
    } catch {
      // Free.
    }
  }
  return out;
}

const usagesOf = (r: CertRequest): string[] =>
  r.role === 'ca'
    ? ['keyCertSign', 'cRLSign', `pathlen:${r.pathLength ?? 0}`]
    : [
        'digitalSignature',
        ...(r.usage === 'both'
          ? ['serverAuth', 'clientAuth']
          : [r.usage === 'server' ? 'serverAuth' : 'clientAuth']),
      ];

export async function previewPlan(
  plan: CertPlan,
  _opts: { caKeyPassphrase?: string } = {},
): Promise<CertPreview[]> {
  await Promise.resolve();
  const now = new Date();
  const all = [...('new' in plan.ca ? [plan.ca.new] : []), ...plan.leaves];
  return all.map((r) => ({
    file: join(resolve(plan.dir), `${r.file}.crt`),
    role: r.role,
    subject: `CN=${r.commonName}`,
    dnsNames: r.dnsNames,
    ipAddresses: r.ipAddresses,
    usages: usagesOf(r),
    notBefore: now.toISOString(),
    notAfter: new Date(now.getTime() + r.days * DAY).toISOString(),
    key: keyName(r.keyType),
  }));
}

type PkiKey = 'ecdsa-p256' | 'rsa-2048' | 'rsa-4096';
function pkiKey(k: KeyType): PkiKey {
  if (k === 'ecdsa-p256' || k === 'rsa-2048' || k === 'rsa-4096') return k;
  throw new Error(`${keyName(k)} comes with h/certs-gen (this is the pane's stand-in)`);
}

export async function generatePlan(
  plan: CertPlan,
  opts: { caKeyPassphrase?: string; overwrite?: string[] } = {},
): Promise<GenerateResult> {
  let ca: PemPair;
  if ('new' in plan.ca) {
    const r = plan.ca.new;
    ca = await generateCa({ commonName: r.commonName, days: r.days, keyType: pkiKey(r.keyType) });
  } else {
    const { certPath, keyPath } = plan.ca.existing;
    const key = createPrivateKey({ key: readFileSync(keyPath, 'utf8'), passphrase: opts.caKeyPassphrase });
    ca = {
      certPem: readFileSync(certPath, 'utf8'),
      keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
  }
  const files: PkiFile[] = [];
  const add = (stem: string, p: PemPair) =>
    files.push(
      { name: `${stem}.crt`, content: p.certPem, kind: 'cert' },
      { name: `${stem}.key`, content: p.keyPem, kind: 'key' },
    );
  if ('new' in plan.ca) add('ca', ca);
  for (const r of plan.leaves) add(r.file, await generateLeaf({ ca, ...r, keyType: pkiKey(r.keyType) }));
  const paths = await writePkiFiles(plan.dir, files, { overwrite: Boolean(opts.overwrite?.length) });
  return {
    written: paths.map((path, i) => ({
      path,
      mode: statSync(path).mode & 0o777,
      kind: files[i]?.kind ?? 'cert',
    })),
    verified: plan.leaves.map(({ file }) => {
      const v = verifyIssuedBy(readFileSync(join(plan.dir, `${file}.crt`), 'utf8'), ca.certPem);
      return { file: `${file}.crt`, ok: v.ok, ...(v.reason ? { error: v.reason } : {}) };
    }),
  };
}

export function nextSteps(plan: CertPlan, written: GenerateResult['written']): NextSteps {
  const path = (f: string) => written.find((w) => w.path.endsWith(`/${f}`))?.path ?? join(plan.dir, f);
  const caFile = 'new' in plan.ca ? path('ca.crt') : plan.ca.existing.certPath;
  const server = plan.leaves.find((l) => l.role === 'server');
  const client = plan.leaves.find((l) => l.role === 'client');
  const conf = server
    ? [
        'port 0',
        'tls-port 6379',
        `tls-cert-file ${path(`${server.file}.crt`)}`,
        `tls-key-file ${path(`${server.file}.key`)}`,
        `tls-ca-cert-file ${caFile}`,
        'tls-auth-clients yes',
        'tls-protocols "TLSv1.2 TLSv1.3"',
        'tls-replication yes',
      ]
    : [];
  const c = client ? { cert: path(`${client.file}.crt`), key: path(`${client.file}.key`) } : undefined;
  return {
    conf,
    ...(client ? { acl: [`user ${client.commonName} on >… ~app:* +@read +@write`] } : {}),
    snippets: {
      redisCli: `redis-cli --tls --cacert ${caFile}${c ? ` --cert ${c.cert} --key ${c.key}` : ''}`,
      ioredis: `new Redis({ tls: { ca: readFileSync('${caFile}')${c ? `, cert: readFileSync('${c.cert}'), key: readFileSync('${c.key}')` : ''} } })`,
      redisPy: `redis.Redis(ssl=True, ssl_ca_certs='${caFile}'${c ? `, ssl_certfile='${c.cert}', ssl_keyfile='${c.key}'` : ''})`,
    },
    ...(c ? { profile: { tls: { enabled: true, cacert: caFile, ...c } } } : {}),
  };
}

/** STAND-IN of the 'tls.reload' operation (h/certs-gen): refuses, read-only first, as the mutation path does. */
export interface ReloadParams {
  node: string;
  certFile: string;
  keyFile: string;
  caFile?: string;
}
export async function reloadTls(c: OperationContext, params: ReloadParams[]): Promise<OperationResult> {
  await Promise.resolve();
  const summary = `CONFIG SET tls-cert-file … on ${params.map((p) => p.node).join(', ')}`;
  const reason = c.env.readOnly
    ? 'read-only mode: changes are switched off (--read-only or the profile setting)'
    : 'tls.reload comes with h/certs-gen (stand-in)';
  return { status: 'refused', summary, results: [], reason };
}

// ------------------------------------------------------------ STAND-IN (h/certs-inspect API)
// The shapes of src/ops/certs-inspect.ts + src/domain/certs/types.ts (on main since 2c711ee).
export interface CertFacts {
  source: string;
  subject: string;
  issuer: string;
  commonNames: string[];
  serial: string;
  notBefore: string;
  notAfter: string;
  daysLeft: number;
  dnsNames: string[];
  ipAddresses: string[];
  keyUsage: string[];
  extKeyUsage: string[];
  isCa: boolean;
  pathLength?: number;
  key: string;
  signature: string;
  sha256: string;
  selfSigned: boolean;
}
export type ProblemCode =
  'expired' | 'expiring' | 'unknown-ca' | 'hostname' | 'key-mismatch' | 'no-client-auth';
export interface CertProblem {
  code: ProblemCode;
  severity: 'error' | 'warning';
  text: string;
  fix: string[];
  sec?: 'SEC004';
  about?: string;
}
export interface ChainFacts {
  ok: boolean;
  path: string[];
  anchor?: string;
  reason?: string;
}
export interface KeyFacts {
  source: string;
  key: string;
  encrypted: boolean;
  matches?: { source: string; subject: string };
}
export interface InspectedCert {
  facts: CertFacts;
  problems: CertProblem[];
  chain?: ChainFacts;
  keyMatches?: boolean;
}
export interface InspectReport {
  certs: InspectedCert[];
  keys: KeyFacts[];
  problems: CertProblem[];
}
export interface LiveTarget {
  host: string;
  port: number;
  sni?: string;
  tls?: TlsOptions;
}
export interface LiveReport extends InspectReport {
  host: string;
  port: number;
  sni?: string;
  presented: CertFacts[];
  asksForClientCert: boolean;
  protocol?: string;
  cipher?: string;
}

const problem = (code: ProblemCode, severity: CertProblem['severity'], text: string): CertProblem => ({
  code,
  severity,
  text,
  fix: code === 'unknown-ca' ? [] : ['renew it'],
});

/** Dates only: the stand-in judges nothing else (h/certs-inspect judges names, usages, keys). */
function datesJudged(f: CertFacts, warnDays: number): CertProblem[] {
  if (f.daysLeft < 0)
    return [problem('expired', 'error', `certificate verify failed: expired on ${f.notAfter}`)];
  return f.daysLeft <= warnDays ? [problem('expiring', 'warning', `expires in ${f.daysLeft} days`)] : [];
}

function fileFacts(source: string, pem: string): CertFacts {
  const i = inspectCertificate(pem);
  const { subject, issuer, serial, daysLeft, dnsNames, ipAddresses, isCa, selfSigned } = i;
  return {
    ...{ source, subject, issuer, serial, daysLeft, dnsNames, ipAddresses, isCa, selfSigned },
    commonNames: [],
    signature: i.signatureAlgorithm,
    sha256: i.sha256Fingerprint,
    notBefore: i.notBefore.toISOString(),
    notAfter: i.notAfter.toISOString(),
    keyUsage: [],
    extKeyUsage: i.extendedKeyUsages,
    key: i.keyAlgorithm,
  };
}

export async function inspectFiles(
  paths: string[],
  opts: { warnDays?: number } = {},
): Promise<InspectReport> {
  await Promise.resolve();
  const certs = paths.map((p) => {
    const facts = fileFacts(p, readFileSync(p, 'utf8'));
    return { facts, problems: datesJudged(facts, opts.warnDays ?? 30) };
  });
  return { certs, keys: [], problems: certs.flatMap((c) => c.problems) };
}

export async function checkLive(target: LiveTarget, opts: { warnDays?: number } = {}): Promise<LiveReport> {
  const { host, port } = target;
  const p = await presentedCertificate({ host, port, tls: target.tls, timeoutMs: 5000 });
  const { subject, issuer, serial, notBefore, notAfter, dnsNames, ipAddresses, extKeyUsage } = p;
  const facts: CertFacts = {
    ...{ subject, issuer, serial, notBefore, notAfter, dnsNames, ipAddresses, extKeyUsage },
    source: `${host}:${port}`,
    commonNames: [],
    signature: '?',
    sha256: '?',
    daysLeft: Math.floor((Date.parse(p.notAfter) - Date.now()) / DAY),
    keyUsage: [],
    isCa: false,
    key: '?',
    selfSigned: p.subject === p.issuer,
  };
  const problems = [
    ...datesJudged(facts, opts.warnDays ?? 30),
    ...(p.chainOk
      ? []
      : [problem('unknown-ca', 'error', `certificate verify failed: ${p.chainError ?? ''}`)]),
  ];
  const asksForClientCert = Boolean(p.asksForClientCert);
  const certs = [{ facts, problems }];
  return { host, port, presented: [facts], asksForClientCert, certs, keys: [], problems };
}
