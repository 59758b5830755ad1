// What is wrong with a certificate plan before anything is made: names and numbers the
// generator would refuse, a leaf that would outlive its CA, target nodes no certificate
// names, a directory others could write to (or read), files that exist already.
import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readUserFile, UserFileError } from '../fs/user-files.js';
import { PassphraseNeeded, PkiError } from '../pki/errors.js';
import { hostMatchesNames } from '../pki/hostname.js';
import { inspectCertificate } from '../pki/inspect.js';
import { parsePrivateKey } from '../pki/pem.js';
import {
  checkCommonName,
  checkDays,
  checkDnsName,
  checkIpAddress,
  checkPathLength,
} from '../pki/validate.js';
import type { CertPlan, CertRequest, PlanProblem } from './certs.js';

const DAY_MS = 86_400_000;
/** A certificate or key file is small; anything larger is not one. */
export const PKI_FILE_LIMIT = { maxBytes: 1024 * 1024, noun: 'certificate or key file' };

/** The host of a node address: `10.0.0.1:6379` -> `10.0.0.1`, `[::1]:6379` -> `::1`. */
export function nodeHost(address: string): string {
  const m = /^\[(.*)\](?::\d+)?$/.exec(address);
  if (m) return m[1] ?? '';
  const colons = address.split(':').length - 1;
  return colons === 1 ? address.slice(0, address.lastIndexOf(':')) : address;
}

/** The files the plan writes, absolute, with their kind. */
export function filesOf(plan: CertPlan): { path: string; kind: 'key' | 'cert'; request: CertRequest }[] {
  const requests = 'new' in plan.ca ? [plan.ca.new, ...plan.leaves] : plan.leaves;
  return requests.flatMap((request) => [
    { path: resolve(plan.dir, `${request.file}.crt`), kind: 'cert' as const, request },
    { path: resolve(plan.dir, `${request.file}.key`), kind: 'key' as const, request },
  ]);
}

function requestProblems(req: CertRequest): string[] {
  const out: string[] = [];
  const attempt = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      out.push(`${req.file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  attempt(() => checkCommonName(req.commonName));
  attempt(() => checkDays(req.days));
  for (const name of req.dnsNames) attempt(() => checkDnsName(name));
  for (const ip of req.ipAddresses) attempt(() => checkIpAddress(ip));
  if (req.role === 'ca') attempt(() => checkPathLength(req.pathLength ?? 0));
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/.test(req.file))
    out.push(`"${req.file}" is not a plain file name (letters, digits, . _ -)`);
  return out;
}

/** The CA's end date, read from its file (or the new CA's days), or a problem. */
function caEnd(
  plan: CertPlan,
  now: Date,
  passphrase: string | undefined,
  problems: PlanProblem[],
): Date | undefined {
  if ('new' in plan.ca) return new Date(now.getTime() + plan.ca.new.days * DAY_MS);
  const { certPath, keyPath } = plan.ca.existing;
  let end: Date | undefined;
  try {
    const info = inspectCertificate(readUserFile(certPath, PKI_FILE_LIMIT).toString('utf8'), now);
    if (!info.isCa) problems.push({ level: 'error', text: `${certPath} is not a CA certificate (CA:FALSE)` });
    if (info.expired)
      problems.push({ level: 'error', text: `the CA ${certPath} expired on ${info.notAfter.toISOString()}` });
    end = info.notAfter;
  } catch (err) {
    problems.push({ level: 'error', text: `the CA certificate: ${message(err)}` });
  }
  try {
    parsePrivateKey(readUserFile(keyPath, PKI_FILE_LIMIT).toString('utf8'), passphrase);
  } catch (err) {
    const text =
      err instanceof PassphraseNeeded
        ? `${keyPath} is encrypted: give its passphrase`
        : `the CA key: ${message(err)}`;
    problems.push({ level: 'error', text });
  }
  return end;
}

const message = (err: unknown) =>
  err instanceof PkiError || err instanceof UserFileError
    ? err.message
    : err instanceof Error
      ? err.message
      : String(err);

function dirProblems(dir: string): PlanProblem[] {
  let existing = resolve(dir);
  // The directory is made (0700) when missing: then it is its nearest parent that must be writable.
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      const up = dirname(existing);
      if (up === existing) break;
      existing = up;
    }
  }
  const made = existing !== resolve(dir);
  let st;
  try {
    st = statSync(existing);
  } catch (err) {
    return [{ level: 'error', text: `${existing}: ${message(err)}` }];
  }
  if (!st.isDirectory()) return [{ level: 'error', text: `${existing} is not a directory` }];
  try {
    accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    return [{ level: 'error', text: `${existing} is not writable by you` }];
  }
  if (made) return [];
  const out: PlanProblem[] = [];
  // Anyone who can write the directory can swap a key or certificate for their own.
  if ((st.mode & 0o022) !== 0)
    out.push({
      level: 'error',
      text: `${existing} is writable by group or others (mode ${octal(st.mode)}): use a private directory (chmod 700)`,
    });
  else if ((st.mode & 0o077) !== 0)
    out.push({
      level: 'warning',
      text: `${existing} is readable by others (mode ${octal(st.mode)}): keys stay 0600, but chmod 700 hides which exist`,
    });
  return out;
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/**
 * Nodes of the target (host:port) that no server certificate names, by the hostname check
 * clients make (wildcards, IPs, the CN where there is no SAN): the wizard's step 3 and checkPlan.
 */
export function uncoveredNodes(plan: CertPlan, nodes: readonly string[]): string[] {
  const servers = plan.leaves.filter((l) => l.role === 'server' || l.usage !== 'client');
  if (servers.length === 0) return [];
  return nodes.filter(
    (node) =>
      !servers.some((s) =>
        hostMatchesNames(nodeHost(node), {
          dnsNames: s.dnsNames,
          ipAddresses: s.ipAddresses,
          commonNames: [s.commonName],
        }),
      ),
  );
}

function coverage(plan: CertPlan, nodes: readonly string[]): PlanProblem[] {
  return uncoveredNodes(plan, nodes)
    .map(nodeHost)
    .map((host) => ({
      level: 'warning' as const,
      text: `no server certificate names ${host}: clients connecting by that name will fail the hostname check (SEC004)`,
    }));
}

/** Everything wrong with the plan; errors stop generatePlan, warnings are shown. */
export async function checkPlan(
  plan: CertPlan,
  ctx: { nodes?: string[]; caKeyPassphrase?: string; now?: Date } = {},
): Promise<PlanProblem[]> {
  const now = ctx.now ?? new Date();
  const problems: PlanProblem[] = [];
  const requests = 'new' in plan.ca ? [plan.ca.new, ...plan.leaves] : plan.leaves;
  for (const req of requests)
    for (const text of requestProblems(req)) problems.push({ level: 'error', text });
  if ('new' in plan.ca && plan.ca.new.role !== 'ca')
    problems.push({ level: 'error', text: 'the CA request must have role "ca"' });
  for (const leaf of plan.leaves)
    if (leaf.role === 'ca')
      problems.push({ level: 'error', text: `${leaf.file}: a CA among the leaves (make it the plan's CA)` });
  const stems = requests.map((r) => r.file);
  for (const dup of new Set(stems.filter((s, i) => stems.indexOf(s) !== i)))
    problems.push({ level: 'error', text: `the file name ${dup} is used twice` });
  const end = caEnd(plan, now, ctx.caKeyPassphrase, problems);
  if (end) {
    const caDays = Math.floor((end.getTime() - now.getTime()) / DAY_MS);
    for (const leaf of plan.leaves)
      if (now.getTime() + leaf.days * DAY_MS > end.getTime())
        problems.push({
          level: 'error',
          text: `${leaf.file}: ${leaf.days} days would outlive its CA, which ends on ${end.toISOString().slice(0, 10)} (${Math.max(caDays, 0)} days at most)`,
        });
  }
  problems.push(...coverage(plan, ctx.nodes ?? []), ...dirProblems(plan.dir));
  for (const { path } of filesOf(plan)) {
    try {
      lstatSync(path);
      problems.push({
        level: 'warning',
        text: `${path} exists: it is replaced only when named for overwriting`,
        file: path,
      });
    } catch {
      // not there: nothing to confirm
    }
  }
  return Promise.resolve(problems);
}
