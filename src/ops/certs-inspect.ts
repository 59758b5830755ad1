// Inspecting certificates: files (a certificate or chain, its key, a CA) and live servers (a
// handshake of the console's own). One operation for the Certs pane and the headless
// `certs inspect` / `certs check`; what is wrong is judged in src/domain/certs.
import { judgeCert, sortProblems } from '../domain/certs/judge.js';
import * as words from '../domain/certs/words.js';
import type { CertFacts, CertProblem, ChainFacts, KeyFacts } from '../domain/certs/types.js';
import { hostMatchesNames } from '../pki/hostname.js';
import type { TlsOptions } from '../redis/connect.js';
import { tlsHandshake } from '../redis/tls-handshake.js';
import { DEFAULT_WARN_DAYS } from '../domain/certs/judge.js';
import { derEntry, readPemFile } from './certs-facts.js';
import type { CertEntry, KeyEntry } from './certs-facts.js';
import { chainOf } from './certs-chain.js';

export type { CertFacts, CertProblem, ChainFacts, KeyFacts } from '../domain/certs/types.js';

export interface InspectedCert {
  facts: CertFacts;
  problems: CertProblem[];
  chain?: ChainFacts;
  /** Set on leaf certificates when key files were given: whether one of them is this certificate's. */
  keyMatches?: boolean;
}

export interface InspectReport {
  certs: InspectedCert[];
  keys: KeyFacts[];
  /** Every problem of the report (the certificates' and the keys'), errors first. */
  problems: CertProblem[];
}

export interface InspectOptions {
  /** The name clients connect with: the hostname check, and the certificate must allow serverAuth. */
  host?: string;
  /** Trusted CA certificates (a file of one or more): the chain is checked to them. */
  caPath?: string;
  warnDays?: number;
  now?: Date;
}

// "[::1]" as written in a URL is the address ::1.
const hostOk = (f: CertFacts, host: string) => hostMatchesNames(host.replace(/^\[(.*)\]$/, '$1'), f);
const sameKey = (c: CertEntry, k: KeyEntry) => k.spki !== undefined && c.spki.equals(k.spki);

/** Judges certificate files: every certificate, its chain to the CA, and the keys against them. */
export async function inspectFiles(paths: string[], opts: InspectOptions = {}): Promise<InspectReport> {
  const now = opts.now ?? new Date();
  const warnDays = opts.warnDays ?? DEFAULT_WARN_DAYS;
  const read = paths.map((p) => readPemFile(p, now));
  const given = read.flatMap((f) => f.certs);
  const keys = read.flatMap((f) => f.keys);
  const anchors = opts.caPath ? readPemFile(opts.caPath, now).certs : given.filter((c) => c.facts.selfSigned);
  if (opts.caPath && anchors.length === 0) throw new Error(`--ca ${opts.caPath} holds no certificate`);
  const anchorName = opts.caPath ? `the CA given (--ca ${opts.caPath})` : 'a CA among the files given';
  const all = [...given, ...anchors.filter((a) => !given.some((g) => g.facts.sha256 === a.facts.sha256))];
  const certs = all.map((entry): InspectedCert => {
    const { facts } = entry;
    const isAnchor = anchors.includes(entry);
    const leaf = !facts.isCa;
    const chain = !isAnchor && anchors.length > 0 ? chainOf(entry, all, anchors, anchorName, now) : undefined;
    const ca = all.find((c) => c.facts.isCa && c.facts.subject === facts.issuer && c !== entry)?.facts;
    // --host names the server certificates: a client-only certificate is not checked against it.
    const serverCert = leaf && (facts.extKeyUsage.length === 0 || facts.extKeyUsage.includes('serverAuth'));
    const host = opts.host !== undefined && serverCert ? opts.host : undefined;
    const problems = judgeCert(facts, {
      now,
      warnDays,
      ...(host !== undefined && { host, hostMatches: hostOk(facts, host), asServer: true }),
      ...(ca && { ca }),
    });
    if (chain && !chain.ok) problems.unshift(words.unknownCa(facts, chain.reason ?? 'no chain to the CA'));
    const keyMatches = leaf && keys.length > 0 ? keys.some((k) => sameKey(entry, k)) : undefined;
    return {
      facts,
      problems: sortProblems(problems).map((p) => ({ ...p, about: facts.source })),
      ...(chain && { chain }),
      ...(keyMatches !== undefined && { keyMatches }),
    };
  });
  const keyFacts = keys.map((k): KeyFacts => {
    const owner = all.find((c) => sameKey(c, k));
    return {
      source: k.source,
      key: k.key,
      encrypted: k.encrypted,
      ...(owner && { matches: { source: owner.facts.source, subject: owner.facts.subject } }),
    };
  });
  const keyProblems = keyFacts.flatMap((k) =>
    k.encrypted
      ? [words.encryptedKey(k.source)]
      : // A key alone is only described: there is no certificate it could fail to match.
        k.matches || all.length === 0
        ? []
        : [words.keyMismatch(k.source, k.key)],
  );
  return {
    certs,
    keys: keyFacts,
    problems: sortProblems([...certs.flatMap((c) => c.problems), ...keyProblems]),
  };
}

export interface LiveTarget {
  host: string;
  port: number;
  /** The name sent as SNI and checked against the certificate; the host when not given. */
  sni?: string;
  /** The profile's TLS options (CA, client certificate): what a client of this profile would use. */
  tls?: TlsOptions;
}

export interface LiveReport extends InspectReport {
  host: string;
  port: number;
  sni?: string;
  /** The chain as the handshake gave it, the leaf first. */
  presented: CertFacts[];
  asksForClientCert: boolean;
  protocol?: string;
  cipher?: string;
}

// OpenSSL's verify results that are about dates: those are judged per certificate instead.
const DATE_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** Handshakes with a server and judges what it presented, as a client of this profile sees it. */
export async function checkLive(
  target: LiveTarget,
  opts: { warnDays?: number; timeoutMs?: number; now?: Date } = {},
): Promise<LiveReport> {
  const now = opts.now ?? new Date();
  const warnDays = opts.warnDays ?? DEFAULT_WARN_DAYS;
  const name = target.sni ?? target.tls?.servername ?? target.host;
  const hs = await tlsHandshake({
    host: target.host,
    port: target.port,
    tls: { rejectUnauthorized: false, ...target.tls, ...(target.sni && { servername: target.sni }) },
    timeoutMs: opts.timeoutMs ?? 10_000,
  });
  const source = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const entries = hs.chain.map((der) => derEntry(der, source, now));
  const presented = entries.map((e) => e.facts);
  const chain: ChainFacts = {
    ok: hs.authorized,
    path: presented.map((f) => f.subject),
    ...(hs.authorizationError && { reason: hs.authorizationError }),
  };
  const certs = entries.map(({ facts }, i): InspectedCert => {
    const leaf = i === 0;
    const problems = judgeCert(facts, {
      now,
      warnDays,
      live: true,
      ...(leaf && { host: name, hostMatches: hostOk(facts, name), asServer: true }),
      ...(presented[i + 1] && { ca: presented[i + 1] }),
    });
    if (leaf && !hs.authorized && !DATE_ERRORS.has(hs.authorizationError ?? ''))
      problems.unshift(words.unknownCa(facts, untrusted(hs.authorizationError, Boolean(target.tls?.ca))));
    return { facts, problems: sortProblems(problems), ...(leaf && { chain }) };
  });
  return {
    certs,
    keys: [],
    problems: sortProblems(certs.flatMap((c) => c.problems)),
    host: target.host,
    port: target.port,
    ...(target.sni && { sni: target.sni }),
    presented,
    asksForClientCert: hs.asksForClientCert,
    ...(hs.protocol && { protocol: hs.protocol }),
    ...(hs.cipher && { cipher: hs.cipher }),
  };
}

/** OpenSSL's verify code in words, and against what it was verified. */
function untrusted(code: string | undefined, caGiven: boolean): string {
  const against = caGiven ? 'the CA given (--cacert)' : 'the system trust store (no --cacert given)';
  const what: Record<string, string> = {
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'a self-signed certificate',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  };
  return `${(code && what[code]) ?? code ?? 'not verified'}: not trusted by ${against}`;
}
