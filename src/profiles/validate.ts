// Validation of profiles as they are added and as they are read back from disk. It is
// strict on purpose: unknown fields are refused so that a secret cannot ride along in
// the file under a misspelt key, and problems never echo a value that may be secret.
import path from 'node:path';
import { isCidr } from '../domain/clients/cidr.js';
import { toDisplay } from '../domain/display.js';
import { ProfileError } from './errors.js';
import { PROFILE_NAME_RE } from './schema.js';
import type { Profile } from './schema.js';

const PROFILE_KEYS = new Set([
  'name',
  'host',
  'port',
  'socket',
  'uri',
  'user',
  'tls',
  'cluster',
  'password',
  'readOnly',
  'theme',
  'notes',
  'expectedNetworks',
  'alertRate',
  'pane',
]);
const TLS_KEYS = new Set(['enabled', 'cacert', 'cacertdir', 'cert', 'key', 'sni', 'insecure']);
const SOURCE_KEYS: Record<string, readonly string[]> = {
  none: [],
  prompt: [],
  keyring: [],
  env: ['name'],
  file: ['path'],
  plain: ['value'],
};
const ENV_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const THEME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// The shape only: which panes exist is the UI's (src/ui/panes/names.ts); the console says so
// at start when a profile names one it does not have.
const PANE_RE = /^[a-z][a-z-]{0,31}$/;
// C0 controls, DEL and C1: these fields end up on a terminal and in argv-like places.
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;
const NOTES_CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const MAX_NOTES = 4096;

// Kept importable from here: the profile checks were its first home.
export { isCidr };

/** The problems found, and how a name or key is quoted in them (escaped for a warning, raw for an error). */
type Problems = string[] & { quote: (v: string) => string };

/**
 * A name or key read from profiles.json, quoted for a message. A corrupt or planted file can
 * hold any character there, and these messages reach the terminal as warnings: escaped like
 * a server string (JSON quoting would leave bidi overrides and C1 controls raw).
 */
export const quoted = (v: string): string => `"${toDisplay(v)}"`;
/** The same for a thrown error: raw, since whoever shows an error escapes it once (cli.ts). */
const rawQuoted = (v: string): string => `"${v}"`;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function profileNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'name must be a string';
  if (!PROFILE_NAME_RE.test(name)) {
    return 'name must be 1-64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit';
  }
  return undefined;
}

export function assertProfileName(name: string): void {
  const problem = profileNameProblem(name);
  if (problem) throw new ProfileError(`invalid profile name ${rawQuoted(name)}: ${problem}`);
}

function text(p: Problems, field: string, v: unknown, opts: { notes?: boolean } = {}): void {
  if (typeof v !== 'string' || v === '') return void p.push(`${field} must be a non-empty string`);
  if (opts.notes) {
    if (v.length > MAX_NOTES) p.push(`${field} is longer than ${MAX_NOTES} characters`);
    if (NOTES_CONTROL_RE.test(v)) p.push(`${field} contains control characters`);
  } else if (CONTROL_RE.test(v)) p.push(`${field} contains control characters`);
}

function bool(p: Problems, field: string, v: unknown): void {
  if (typeof v !== 'boolean') p.push(`${field} must be true or false`);
}

function unknownKeys(
  p: Problems,
  where: string,
  obj: Record<string, unknown>,
  allowed: ReadonlySet<string>,
): void {
  for (const k of Object.keys(obj)) if (!allowed.has(k)) p.push(`unknown field ${where}${p.quote(k)}`);
}

function checkSource(p: Problems, v: unknown): void {
  if (!isObject(v) || typeof v.kind !== 'string' || !Object.hasOwn(SOURCE_KEYS, v.kind)) {
    return void p.push(`password must be one of {kind: none|prompt|env|file|keyring|plain}`);
  }
  unknownKeys(p, 'password.', v, new Set(['kind', ...(SOURCE_KEYS[v.kind] ?? [])]));
  if (v.kind === 'env' && (typeof v.name !== 'string' || !ENV_NAME_RE.test(v.name))) {
    p.push('password.name must be an environment variable name (letters, digits, _)');
  }
  if (v.kind === 'file') {
    text(p, 'password.path', v.path);
    if (typeof v.path === 'string' && !path.isAbsolute(v.path))
      p.push('password.path must be an absolute path');
  }
  // Never echo the value: it is the secret.
  if (v.kind === 'plain' && (typeof v.value !== 'string' || v.value === ''))
    p.push('password.value must be a non-empty string');
}

function checkTls(p: Problems, v: unknown): void {
  if (!isObject(v)) return void p.push('tls must be an object');
  unknownKeys(p, 'tls.', v, TLS_KEYS);
  bool(p, 'tls.enabled', v.enabled);
  for (const k of ['cacert', 'cacertdir', 'cert', 'key', 'sni'] as const)
    if (v[k] !== undefined) text(p, `tls.${k}`, v[k]);
  if (v.insecure !== undefined) bool(p, 'tls.insecure', v.insecure);
}

function checkUri(p: Problems, v: unknown): void {
  if (typeof v !== 'string' || v === '') return void p.push('uri must be a non-empty string');
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return void p.push('uri is not a valid URL (expected redis://host:port or rediss://host:port)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    p.push('uri must start with redis:// or rediss://');
  // redis-cli reads `redis://secret@host` as a password, so any user info is refused.
  const queryPassword = [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'password');
  if (url.username !== '' || url.password !== '' || queryPassword) {
    p.push('uri must not carry credentials: set "user" and a password source (env/file/keyring) instead');
  }
}

/** Every problem with `value` as a Profile, in operator words; empty when valid. */
export function profileProblems(value: unknown, quote = quoted): string[] {
  const p: Problems = Object.assign([], { quote });
  if (!isObject(value)) return ['a profile must be an object'];
  unknownKeys(p, '', value, PROFILE_KEYS);
  const nameProblem = profileNameProblem(value.name);
  if (nameProblem) p.push(nameProblem);
  if (value.host !== undefined) text(p, 'host', value.host);
  if (value.port !== undefined) {
    const port = value.port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
      p.push('port must be an integer from 1 to 65535');
  }
  if (value.socket !== undefined) text(p, 'socket', value.socket);
  if (value.uri !== undefined) checkUri(p, value.uri);
  if (value.user !== undefined) text(p, 'user', value.user);
  if (value.tls !== undefined) checkTls(p, value.tls);
  for (const k of ['cluster', 'readOnly'] as const) if (value[k] !== undefined) bool(p, k, value[k]);
  checkSource(p, value.password);
  if (value.theme !== undefined && (typeof value.theme !== 'string' || !THEME_RE.test(value.theme))) {
    p.push('theme must be a theme name (letters, digits, ".", "_", "-")');
  }
  if (value.notes !== undefined) text(p, 'notes', value.notes, { notes: true });
  if (value.expectedNetworks !== undefined) {
    const nets = value.expectedNetworks;
    if (!Array.isArray(nets) || !nets.every((n) => typeof n === 'string' && isCidr(n))) {
      p.push('expectedNetworks must be a list of IP addresses or CIDRs (10.0.0.0/8, fd00::/8)');
    }
  }
  if (value.alertRate !== undefined) {
    const r = value.alertRate;
    if (typeof r !== 'number' || !Number.isFinite(r) || r < 0)
      p.push('alertRate must be a number of events per minute (0: no rate alert)');
  }
  if (value.pane !== undefined && (typeof value.pane !== 'string' || !PANE_RE.test(value.pane)))
    p.push('pane must be a pane name (users, log, clients, audit, certs, incident, profiles)');
  return [...p]; // a plain list: the quote was for the checks
}

/** Returns `value` typed as a Profile, or throws a ProfileError listing every problem. */
export function validateProfile(value: unknown): Profile {
  const problems = profileProblems(value, rawQuoted);
  if (problems.length > 0) {
    const name = isObject(value) && typeof value.name === 'string' ? ` ${rawQuoted(value.name)}` : '';
    throw new ProfileError(`invalid profile${name}: ${problems.join('; ')}`);
  }
  return value as Profile;
}
