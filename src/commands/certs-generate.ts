// `redis-warden certs generate`: the certificate wizard, headless. Without --yes it prints the
// preview (and the plan's problems) and exits 1, writing nothing; with --yes it writes, verifies
// the chain from disk and prints the next steps. A CA key's passphrase comes from stdin
// (--ca-key-pass-stdin) or a prompt that shows nothing; it is never printed or journaled.
import { isIP } from 'node:net';
import { checkPlan, defaultsFor, generatePlan, nextSteps, previewPlan } from '../ops/certs.js';
import type { CertPlan, CertPreview, CertRequest, KeyType, PlanProblem } from '../ops/certs.js';
import { toDisplay } from '../domain/display.js';
import { withAcl } from './acl-session.js';
import type { AclFlags } from './acl-session.js';
import { caKeyPassphrase } from './ca-passphrase.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { print, printJson } from './output.js';

export interface GenerateFlags extends AclFlags {
  ca?: boolean;
  server?: boolean;
  client?: boolean;
  deployment?: boolean;
  out?: string;
  cn?: string;
  san?: string[];
  days?: string;
  /** The key type: `--key` is also the program's mTLS key flag, which wins, so it is read merged. */
  key?: string;
  usage?: string;
  pathLength?: string;
  caCert?: string;
  caKey?: string;
  caKeyPassStdin?: boolean;
  node?: string[];
  appUser?: string[];
  overwrite?: string[];
  yes?: boolean;
}

const KEYS: Record<string, KeyType> = {
  'ec-p256': 'ecdsa-p256',
  'ec-p384': 'ecdsa-p384',
  'ecdsa-p256': 'ecdsa-p256',
  'ecdsa-p384': 'ecdsa-p384',
  'rsa-2048': 'rsa-2048',
  'rsa-3072': 'rsa-3072',
  'rsa-4096': 'rsa-4096',
};

function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text)) throw new UsageError(`${flag}: "${text}" is not a whole number`);
  return Number(text);
}

function kindOf(f: GenerateFlags): 'ca' | 'server' | 'client' | 'deployment' {
  const kinds = (['ca', 'server', 'client', 'deployment'] as const).filter((k) => f[k]);
  if (kinds.length !== 1)
    throw new UsageError('say what to make: one of --ca, --server, --client, --deployment');
  return kinds[0] as 'ca' | 'server' | 'client' | 'deployment';
}

/** `--san a.example,10.0.0.1 --san ::1` -> DNS names and IPs. */
function sansOf(values: readonly string[]): { dnsNames: string[]; ipAddresses: string[] } {
  const all = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().replace(/^(DNS|IP):/i, ''))
    .filter(Boolean);
  return { dnsNames: all.filter((v) => isIP(v) === 0), ipAddresses: all.filter((v) => isIP(v) !== 0) };
}

/** The plan the flags ask for: the wizard's defaults, then each flag given. */
export function planFromFlags(f: GenerateFlags): CertPlan {
  const kind = kindOf(f);
  if (!f.out) throw new UsageError('--out DIR: where to write the files');
  if ((f.caCert === undefined) !== (f.caKey === undefined))
    throw new UsageError('--ca-cert and --ca-key go together (the CA to sign with)');
  if (kind === 'ca' && f.caCert)
    throw new UsageError('--ca makes a new CA: --ca-cert/--ca-key sign leaves with one');
  const keyType = f.key === undefined ? undefined : KEYS[f.key];
  if (f.key !== undefined && !keyType)
    throw new UsageError(`--key: "${f.key}" is not one of ec-p256, ec-p384, rsa-2048, rsa-3072, rsa-4096`);
  if (f.usage !== undefined && !['server', 'client', 'both'].includes(f.usage))
    throw new UsageError(`--usage: "${f.usage}" is not server, client or both`);
  const days = wholeNumber('--days', f.days);
  const pathLength = wholeNumber('--path-length', f.pathLength);
  const plan = defaultsFor(kind, { nodes: f.node ?? [], users: f.appUser ?? [] });
  plan.dir = f.out;
  if (f.caCert && f.caKey) plan.ca = { existing: { certPath: f.caCert, keyPath: f.caKey } };
  const sans = f.san ? sansOf(f.san) : undefined;
  const apply = (req: CertRequest, isTheOne: boolean) => {
    if (keyType) req.keyType = keyType;
    if (days !== undefined && (kind === 'ca') === (req.role === 'ca')) req.days = days;
    if (req.role === 'ca' && pathLength !== undefined) req.pathLength = pathLength;
    if (req.role !== 'ca' && f.usage) req.usage = f.usage as CertRequest['usage'];
    if (isTheOne && f.cn !== undefined) req.commonName = f.cn;
    if (isTheOne && sans) Object.assign(req, sans);
  };
  if ('new' in plan.ca) apply(plan.ca.new, kind === 'ca');
  plan.leaves.forEach((leaf) => apply(leaf, plan.leaves.length === 1));
  if (kind === 'server' && f.cn !== undefined && !sans) {
    // A --server certificate names its CN unless --san says otherwise.
    const leaf = plan.leaves[0];
    if (leaf) Object.assign(leaf, sansOf([f.cn, 'localhost', '127.0.0.1']));
  }
  return plan;
}

function passphraseFor(plan: CertPlan, f: GenerateFlags): Promise<string | undefined> {
  if (!('existing' in plan.ca)) return Promise.resolve(undefined);
  return caKeyPassphrase(plan.ca.existing.keyPath, Boolean(f.caKeyPassStdin));
}

export function previewLines(previews: readonly CertPreview[]): string[] {
  return previews.flatMap((p) => [
    `${toDisplay(p.file)}  (${p.role})`,
    `  subject   ${toDisplay(p.subject)}`,
    ...(p.dnsNames.length + p.ipAddresses.length > 0
      ? [
          `  SANs      ${[...p.dnsNames.map((d) => `DNS:${d}`), ...p.ipAddresses.map((i) => `IP:${i}`)].map(toDisplay).join(', ')}`,
        ]
      : []),
    `  usages    ${p.usages.join(', ')}`,
    `  validity  ${p.notBefore.slice(0, 10)} to ${p.notAfter.slice(0, 10)}`,
    `  key       ${p.key}`,
  ]);
}

const problemLines = (problems: readonly PlanProblem[]) =>
  problems.map((p) => `${p.level === 'error' ? 'Error' : 'Warning'}: ${toDisplay(p.text)}`);

/**
 * The target's nodes (host:port, as the Target names them) when a connection is given and no
 * --node: every node of a cluster (-c) gets its certificate, or is checked for coverage.
 */
async function targetNodes(ctx: CommandContext, f: GenerateFlags): Promise<string[] | undefined> {
  if (f.node?.length || !(f.host ?? f.port ?? f.uri ?? f.socket ?? f.profile ?? f.cluster)) return undefined;
  // --key here is the key type; the connection's own mTLS key comes from the profile.
  const { key: _keyType, ...conn } = f;
  return withAcl(ctx, conn, (s) => Promise.resolve(s.target.nodeIds()));
}

export async function certsGenerate(ctx: CommandContext, f: GenerateFlags): Promise<number> {
  const nodes = await targetNodes(ctx, f);
  if (nodes) f = { ...f, node: nodes };
  const plan = planFromFlags(f);
  const passphrase = await passphraseFor(plan, f);
  const pass = passphrase === undefined ? {} : { caKeyPassphrase: passphrase };
  const problems = await checkPlan(plan, { ...pass, nodes: f.node ?? [] });
  const overwrite = (f.overwrite ?? []).flatMap((v) => v.split(','));
  // A file named for overwriting is confirmed; one that is not stays a refusal below.
  const open = problems.filter((p) => !(p.file !== undefined && named(p.file, overwrite)));
  const previews = await previewPlan(plan, pass);
  const blocking = open.some((p) => p.level === 'error' || p.file !== undefined);
  if (!f.yes || blocking) {
    if (f.json) printJson({ written: false, previews, problems: open });
    else {
      print([...previewLines(previews), ...problemLines(open)].join('\n'));
      if (!blocking) ctx.warn('Nothing written: run again with --yes to write these files.');
      else if (open.some((p) => p.file))
        ctx.warn('Nothing written: name existing files with --overwrite to replace them.');
    }
    return blocking && f.yes ? 2 : 1;
  }
  const result = await generatePlan(plan, { ...pass, overwrite: resolvedOverwrite(problems, overwrite) });
  const steps = nextSteps(plan, result.written);
  const ok = result.verified.every((v) => v.ok);
  if (f.json) printJson({ written: result.written, verified: result.verified, problems: open, next: steps });
  else {
    const lines = [
      ...problemLines(open.filter((p) => p.level === 'warning')),
      ...result.written.map((w) => `wrote ${toDisplay(w.path)} (${w.mode.toString(8).padStart(4, '0')})`),
      ...result.verified.map(
        (v) =>
          `${v.ok ? 'verified' : 'FAILED'} ${toDisplay(v.file)}${v.error ? `: ${toDisplay(v.error)}` : ''}`,
      ),
      '',
      '# redis.conf',
      ...steps.conf,
      ...(steps.acl ? ['', '# ACL (optional): the user a client certificate is for', ...steps.acl] : []),
      '',
      '# redis-cli',
      steps.snippets.redisCli,
      '',
      '// ioredis',
      steps.snippets.ioredis,
      '',
      '# redis-py',
      steps.snippets.redisPy,
    ];
    print(lines.join('\n'));
  }
  return ok ? 0 : 1;
}

function resolvedOverwrite(problems: readonly PlanProblem[], names: readonly string[]): string[] {
  return problems
    .map((p) => p.file)
    .filter((file): file is string => file !== undefined && named(file, names));
}

/** `--overwrite node-1.crt` or the full path names the file. */
const named = (file: string, names: readonly string[]) =>
  names.some((o) => file === o || file.endsWith(`/${o}`));
