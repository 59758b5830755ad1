// `redis-warden profiles list|add|remove|test|default`: the Profiles pane, headless.
import { addressOf } from '../redis/connect.js';
import { testConnection } from '../ops/connection-test.js';
import { describeResult, runMutation } from '../ops/mutation.js';
import { toDisplay } from '../domain/display.js';
import { isCidr } from '../domain/clients/cidr.js';
import type { MutationResult } from '../ops/mutation.js';
import { PROFILE_NAME_RE, profileFiles, publicProfile, withAbsolutePaths } from '../profiles/schema.js';
import { listThemes } from '../ui/theme/load.js';
import { paneIdByName, paneNameProblem } from '../ui/panes/names.js';
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { storeInKeyring } from '../profiles/keyring.js';
import { promptSecret } from '../profiles/prompt.js';
import type { PasswordSource, Profile } from '../profiles/schema.js';
import { connectionFromFlags, interactive, UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { flagsToRequest } from './flags.js';
import type { ConnectionFlags } from './flags.js';
import { formatTable, print, printJson } from './output.js';
import { describeProbe, probeJson } from './probe-report.js';

export interface AddFlags extends ConnectionFlags {
  passwordEnv?: string;
  passwordFile?: string;
  passwordKeyring?: boolean;
  passwordPrompt?: boolean;
  passwordPlain?: boolean;
  notes?: string;
  pane?: string;
  alertRate?: string;
  expectedNetwork?: string[];
  default?: boolean;
  replace?: boolean;
  json?: boolean;
  yes?: boolean;
}

const env = (ctx: CommandContext) => ({ readOnly: false, journal: ctx.journal });

/** The result reaches the terminal here: escaped once (a typed name may hold anything). */
function report(ctx: CommandContext, result: MutationResult<unknown>): void {
  const said = toDisplay(describeResult(result));
  if (result.status === 'done') print(said);
  else ctx.warn(`redis-warden: ${said}`);
}

function sourceLabel(s: PasswordSource): string {
  return s.kind === 'env' ? `env:${s.name}` : s.kind === 'file' ? `file:${s.path}` : s.kind;
}

export function listProfiles(ctx: CommandContext, flags: { json?: boolean; wide?: boolean }): number {
  const list = ctx.profiles.list();
  const def = ctx.profiles.getDefault()?.name;
  if (flags.json) {
    // The source, never a plain-text secret.
    printJson(
      list.map((p) => ({
        ...p,
        password: p.password.kind === 'plain' ? { kind: 'plain' } : p.password,
        default: p.name === def,
      })),
    );
    return 0;
  }
  if (!list.length) {
    print(
      `No profiles yet (${ctx.profiles.path}). Add one: redis-warden profiles add NAME -h HOST -p PORT --user USER --password-env VAR`,
    );
    return 0;
  }
  const rows = list.map((p) => [
    p.name === def ? '*' : '',
    p.name,
    addressOf(p),
    p.user ?? 'default',
    sourceLabel(p.password),
    [p.tls?.enabled && (p.tls.cert ? 'mtls' : 'tls'), p.cluster && 'cluster', p.readOnly && 'read-only']
      .filter(Boolean)
      .join(','),
    p.notes ?? '',
  ]);
  print(
    formatTable(['', 'NAME', 'ADDRESS', 'USER', 'PASSWORD', 'FLAGS', 'NOTES'], rows, {
      wide: flags.wide,
      sacrifice: ['NOTES', 'FLAGS', 'PASSWORD', 'USER'],
    }),
  );
  return 0;
}

async function passwordSourceFrom(
  name: string,
  flags: AddFlags,
  explicit: string | undefined,
): Promise<{ source: PasswordSource; keyringSecret?: string }> {
  const chosen = [
    flags.passwordEnv && 'env',
    flags.passwordFile && 'file',
    flags.passwordKeyring && 'keyring',
    flags.passwordPrompt && 'prompt',
    flags.passwordPlain && 'plain',
  ].filter(Boolean);
  if (chosen.length > 1)
    throw new UsageError(
      'choose one password source: --password-env, --password-file, --password-keyring, --password-prompt or --password-plain',
    );
  if (flags.passwordEnv) return { source: { kind: 'env', name: flags.passwordEnv } };
  if (flags.passwordFile) return { source: { kind: 'file', path: flags.passwordFile } };
  if (flags.passwordPrompt) return { source: { kind: 'prompt' } };
  const secret = async () => {
    if (explicit !== undefined) return explicit;
    if (!interactive())
      throw new UsageError('no password to store: set REDISCLI_AUTH (or --pass, or --askpass on a terminal)');
    return promptSecret(`Password for profile ${name}: `);
  };
  if (flags.passwordKeyring) return { source: { kind: 'keyring' }, keyringSecret: await secret() };
  if (flags.passwordPlain) return { source: { kind: 'plain', value: await secret() } };
  return { source: { kind: 'none' } };
}

export async function addProfile(ctx: CommandContext, name: string, flags: AddFlags): Promise<number> {
  if (!PROFILE_NAME_RE.test(name))
    throw new UsageError(
      `"${name}" is not a profile name: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  const paneProblem = flags.pane === undefined ? undefined : paneNameProblem(flags.pane, '--pane');
  if (paneProblem) throw new UsageError(paneProblem);
  const req = flagsToRequest(flags);
  for (const w of req.warnings.filter((w) => !w.includes('--pass'))) ctx.warn(w);
  const explicit = req.askpass ? await promptSecret(`Password for profile ${name}: `) : req.password;
  if (explicit !== undefined && !flags.passwordKeyring && !flags.passwordPlain) {
    ctx.warn(
      'Note: the password given was not saved. A profile holds where to find it: --password-env VAR, --password-file PATH, --password-keyring or --password-prompt.',
    );
  }
  const { source, keyringSecret } = await passwordSourceFrom(name, flags, explicit);
  if (source.kind === 'plain')
    ctx.warn(
      `Warning: the password is stored in plain text in ${ctx.profiles.path} (mode 0600). Prefer --password-keyring, --password-env or --password-file.`,
    );
  const alertRate = flags.alertRate === undefined ? undefined : Number(flags.alertRate);
  if (alertRate !== undefined && !(alertRate > 0 && Number.isFinite(alertRate)))
    throw new UsageError(
      `--alert-rate: ACL LOG events per minute, a number above 0 (got "${flags.alertRate}")`,
    );
  const nets = flags.expectedNetwork ?? [];
  const badNet = nets.find((n) => !isCidr(n));
  if (badNet !== undefined)
    throw new UsageError(
      `--expected-network: "${toDisplay(badNet)}" is not an IP address or CIDR (10.0.0.0/8, fd00::/8)`,
    );
  if (flags.theme && !listThemes().includes(flags.theme))
    throw new UsageError(`--theme: no theme "${flags.theme}" (there are: ${listThemes().join(', ')})`);
  const given: Profile = {
    ...req.override,
    name,
    password: source,
    ...(flags.readOnly && { readOnly: true }),
    ...(flags.theme && { theme: flags.theme }),
    ...(flags.notes && { notes: flags.notes }),
    ...(flags.pane !== undefined && { pane: paneIdByName(flags.pane) }),
    ...(alertRate !== undefined && { alertRate }),
    ...(nets.length > 0 && { expectedNetworks: nets }),
  };
  const profile = withAbsolutePaths(given, (f) => resolvePath(f));
  for (const f of profileFiles(profile))
    if (!existsSync(f))
      ctx.warn(`Warning: ${f} does not exist (yet); the profile will fail to connect until it does.`);
  const result = await runMutation(
    env(ctx),
    {
      action: flags.replace ? 'profile.edit' : 'profile.add',
      summary: `${flags.replace ? 'Save' : 'Add'} profile ${name}`,
      scope: 'local',
      targets: [name],
      args: publicProfile(profile),
      run: async () => {
        if (keyringSecret !== undefined) {
          const stored = await storeInKeyring(name, keyringSecret);
          if (stored.notice) ctx.warn(stored.notice);
        }
        ctx.profiles.add(profile, { replace: Boolean(flags.replace) });
        if (flags.default) ctx.profiles.setDefault(name);
      },
    },
    true,
  );
  report(ctx, result);
  return result.status === 'done' ? 0 : 2;
}

export async function removeProfile(
  ctx: CommandContext,
  name: string,
  flags: { yes?: boolean },
): Promise<number> {
  const p = ctx.profiles.get(name);
  if (!p) throw new UsageError(`no profile named "${name}"`);
  const result = await runMutation(
    env(ctx),
    {
      action: 'profile.remove',
      summary: `Delete profile ${name} (${addressOf(p)})`,
      scope: 'local',
      targets: [name],
      args: { name },
      run: async () => ctx.profiles.remove(name),
    },
    Boolean(flags.yes),
  );
  if (result.status === 'needs-confirmation') {
    print(
      `Would delete profile ${name} (${addressOf(p)}) from ${ctx.profiles.path}. Run again with --yes to do it.`,
    );
    return 1;
  }
  report(ctx, result);
  return result.status === 'done' ? 0 : 2;
}

export async function setDefaultProfile(ctx: CommandContext, name: string): Promise<number> {
  const result = await runMutation(
    env(ctx),
    {
      action: 'profile.default',
      summary: `Make ${name} the default profile`,
      scope: 'local',
      targets: [name],
      args: { name },
      run: async () => ctx.profiles.setDefault(name),
    },
    true,
  );
  report(ctx, result);
  return result.status === 'done' ? 0 : 2;
}

/** Tests a saved profile by name, or (no name) whatever the flags and default profile say. */
export async function testProfile(
  ctx: CommandContext,
  name: string | undefined,
  flags: ConnectionFlags & { json?: boolean; timeout?: string },
): Promise<number> {
  const timeout = Number(flags.timeout ?? 5000);
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 120_000)
    throw new UsageError(
      `--timeout: "${flags.timeout ?? ''}" is not a number of milliseconds from 100 to 120000`,
    );
  // A name is the same as --profile NAME; flags still override its fields.
  const conn = await connectionFromFlags(ctx, name ? { ...flags, profile: name } : flags);
  const r = await testConnection(conn.spec, conn.password, timeout, { access: true });
  if (flags.json) printJson(probeJson(r, conn.profileName));
  else print(describeProbe(r, conn.profileName));
  return r.ok ? 0 : 2;
}
