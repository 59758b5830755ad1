// Judging one certificate: pure, from its facts and what is known around it (the time, the
// warning window, the host a client connects with and whether it matched, its CA).
import type { CertFacts, CertProblem } from './types.js';
import * as words from './words.js';

export const DEFAULT_WARN_DAYS = 30;
/** step's needs-renewal threshold: renew once two thirds of the lifetime are used. */
export const RENEW_AT = 0.66;
const DAY_MS = 86_400_000;

export interface JudgeContext {
  now: Date;
  warnDays: number;
  /** The name a client checks the certificate against (--host, --sni, the live host). */
  host?: string;
  /** Node's checkServerIdentity rules applied by the caller (src/pki/hostname.ts). */
  hostMatches?: boolean;
  /** Presented by a server (live), or named as one (--host): it must allow serverAuth. */
  asServer?: boolean;
  /**
   * Presented by a live server: clientAuth is not judged, since the server may give its outgoing
   * links another certificate (tls-client-cert-file) and a cron check must not cry wolf.
   */
  live?: boolean;
  /** Its issuing CA, when known: a leaf must not outlive it. */
  ca?: CertFacts;
}

/** "RSA 1024" -> 1024 bits against RSA's 2048 floor; "ECDSA P-192" against 256. */
function weakness(key: string): { bits: number; floor: number } | undefined {
  const rsa = /^RSA(?:-PSS)? (\d+)$/.exec(key);
  if (rsa) return Number(rsa[1]) < 2048 ? { bits: Number(rsa[1]), floor: 2048 } : undefined;
  const ec = /^ECDSA P-(\d+)$/.exec(key);
  if (ec) return Number(ec[1]) < 256 ? { bits: Number(ec[1]), floor: 256 } : undefined;
  return undefined;
}

function validity(f: CertFacts, ctx: JudgeContext): CertProblem | undefined {
  const now = ctx.now.getTime();
  const from = Date.parse(f.notBefore);
  const to = Date.parse(f.notAfter);
  if (now > to) return words.expired(f);
  if (now < from) return words.notYetValid(f);
  if (f.daysLeft < ctx.warnDays) return words.expiringSoon(f, ctx.warnDays);
  const life = to - from;
  if (life > 0 && (now - from) / life > RENEW_AT)
    return words.pastRenewal(f, Math.floor((now - from) / DAY_MS), Math.round(life / DAY_MS));
  return undefined;
}

const has = (f: CertFacts, usage: string) => f.extKeyUsage.includes(usage);

/** Everything wrong with one certificate, errors first. */
export function judgeCert(f: CertFacts, ctx: JudgeContext): CertProblem[] {
  const out: CertProblem[] = [];
  const dates = validity(f, ctx);
  if (dates) out.push(dates);
  const weak = weakness(f.key);
  if (weak) out.push(words.weakKey(f, weak.bits, weak.floor));
  if (!f.isCa) {
    // No extension at all means any purpose, which OpenSSL and Node accept.
    const eku = f.extKeyUsage.length > 0;
    if (eku && ctx.asServer && !has(f, 'serverAuth')) out.push(words.noServerAuth());
    if (ctx.host !== undefined && ctx.hostMatches === false) out.push(words.hostname(f, ctx.host));
    if (eku && has(f, 'serverAuth') && !has(f, 'clientAuth') && !ctx.live) out.push(words.noClientAuth());
    if (f.dnsNames.length === 0 && f.ipAddresses.length === 0) out.push(words.noSan(f));
    if (ctx.ca && Date.parse(f.notAfter) > Date.parse(ctx.ca.notAfter))
      out.push(words.leafOutlivesCa(f, ctx.ca));
  }
  return sortProblems(out);
}

/** Errors before warnings; otherwise in the order found. */
export function sortProblems(problems: CertProblem[]): CertProblem[] {
  return [...problems].sort((a, b) => rank(a) - rank(b));
}
const rank = (p: CertProblem) => (p.severity === 'error' ? 0 : 1);

/** Exit status of a report: 0 nothing wrong, 1 a problem (an error, or a warning such as expiring). */
export const problemsExit = (problems: readonly CertProblem[]): 0 | 1 => (problems.length > 0 ? 1 : 0);

/** Whole days from `now` to `notAfter`, negative once past (as `daysLeft`). */
export const daysUntil = (notAfter: Date, now: Date): number =>
  Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
