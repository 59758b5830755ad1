// Secrets must not reach logs, the journal, reports, error messages or the screen. Two
// layers: the secrets we know (the profile's password, what the operator typed) are
// replaced wherever they appear, and pattern rules catch passwords we were never told
// about (a URI in a config dump, AUTH in a pasted command, Redis echoing `<pw` back).
// Pattern rules err on the side of hiding too much.
import { decodeServerBytes, hasRawBytes, rawBytes } from './bytes.js';
import { toDisplay } from './display.js';

export const REDACTED = '‹redacted›';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

// A secret also leaks in the forms it takes inside JSON, a URI or escaped terminal text.
function variants(secret: string): string[] {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), toDisplay(secret)];
  // A secret with bytes that are not UTF-8, as an error message decoded by ioredis shows it.
  if (hasRawBytes(secret)) forms.push(rawBytes(secret).toString('utf8'));
  try {
    forms.push(encodeURIComponent(secret));
  } catch {
    // lone surrogates cannot be URI-encoded; the raw form is still covered
  }
  return forms;
}

// Journal entries redact many strings with the same list: build its pattern once.
let cached: { key: string; pattern: RegExp | undefined } | undefined;

function knownSecretsPattern(secrets: readonly string[]): RegExp | undefined {
  const usable = secrets.filter((s) => typeof s === 'string' && s.length > 0);
  const key = usable.join('\u0000');
  if (cached?.key === key) return cached.pattern;
  const all = new Set(usable.flatMap(variants));
  const sorted = [...all].sort((a, b) => b.length - a.length);
  // The marker comes first so a secret that is part of it cannot eat into an earlier redaction.
  const pattern =
    all.size === 0 ? undefined : new RegExp([REDACTED, ...sorted].map(escapeRegExp).join('|'), 'g');
  cached = { key, pattern };
  return pattern;
}

const maskValue = (v: string): string => {
  const q = v[0];
  return (q === '"' || q === "'") && v.length >= 2 && v.endsWith(q) ? `${q}${REDACTED}${q}` : REDACTED;
};

// A config value: quoted (may hold spaces) or one whitespace-free token.
const VALUE = String.raw`("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|\S+)`;
const SECRET_SETTINGS = String.raw`requirepass|masterauth|tls-key-file-pass|tls-client-key-file-pass|auth-pass|sentinel-pass`;
// Redis's own placeholders, as in `ERR AUTH <password> called without any password configured`.
const PLACEHOLDER = /^<[a-z-]+>$/i;

type Rule = readonly [RegExp, (match: string, ...groups: (string | undefined)[]) => string];

const RULES: readonly Rule[] = [
  // redis://user:PASS@host; with no colon redis-cli takes the whole userinfo as the password.
  [
    /\b((?:rediss?|valkeys?|redis\+sentinel|redis-sentinel):\/\/)([^\s"'<>`]*)@/gi,
    (_m, scheme, userinfo = '') => {
      const colon = userinfo.indexOf(':');
      return `${scheme}${colon === -1 ? '' : userinfo.slice(0, colon + 1)}${REDACTED}@`;
    },
  ],
  // Redis echoes the rule it refused: ERR Error in ACL SETUSER modifier '<secret': ... A
  // password, or the hash of one (the console sends `>pw` / `<pw` as `#sha256` / `!sha256`):
  // a hash is crackable offline, so it is as secret as the password.
  [/(modifier ')([<>#!])([^\n]*)(':)/gi, (_m, pre, sigil, _pw, post) => `${pre}${sigil}${REDACTED}${post}`],
  // A password hash as an ACL rule, `#<sha256>` / `!<sha256>`, wherever it stands.
  [/(^|[\s"'[(,:=])([#!])[0-9a-f]{64}(?![0-9a-z])/gi, (_m, pre, sigil) => `${pre}${sigil}${REDACTED}`],
  // ACL rules `>pw` / `<pw`, quoted (may hold spaces) ...
  [
    /(^|[\s[(,:=])(["'])([<>])((?:\\.|(?!\2)[^\\\n])*)\2/g,
    (m, pre, q, sigil, pw = '') => (PLACEHOLDER.test(sigil + pw) ? m : `${pre}${q}${sigil}${REDACTED}${q}`),
  ],
  // ... or a whole whitespace-separated token (skipping what the quoted rule already did).
  [
    /(^|[\s[(,"'])([<>])(?!\u2039redacted\u203a)(\S+)/g, // (?!‹redacted›)
    (m, pre, sigil, token = '') => (PLACEHOLDER.test(sigil + token) ? m : `${pre}${sigil}${REDACTED}`),
  ],
  // HELLO 3 AUTH user pass / MIGRATE ... AUTH2 user pass: the password is always the second.
  [
    /\b(HELLO\b[^\n]*?\bAUTH|AUTH2)([ \t]+\S+[ \t]+)(\S+)/gi,
    (_m, head, user, pw = '') => `${head}${user}${maskValue(pw)}`,
  ],
  [/(^|[\s"'[(,:])(AUTH)([ \t]+)(\S+)(?:([ \t]+)(\S+))?/gi, authRule],
  // A redis.conf line is exactly `name value`; prose such as "requirepass is not set" has
  // more words and must survive in audit reports.
  [
    new RegExp(String.raw`^([ \t]*)(${SECRET_SETTINGS})([ \t]+)${VALUE}(?=[ \t]*$)`, 'gim'),
    (_m, indent, name, sep, value = '') => `${indent}${name}${sep}${maskValue(value)}`,
  ],
  // CONFIG SET pairs and --requirepass on a server command line.
  [
    new RegExp(
      String.raw`(?<=\bCONFIG[ \t]+SET\b[^\n]*[ \t]|(?:^|[\s"'])--)(${SECRET_SETTINGS})([ \t]+|[ \t]*=[ \t]*)${VALUE}`,
      'gim',
    ),
    (_m, name, sep, value = '') => `${name}${sep}${maskValue(value)}`,
  ],
  // key=value and "key": "value" forms (env, JSON, query strings).
  [
    new RegExp(
      String.raw`\b(${SECRET_SETTINGS}|password|passwd|REDISCLI_AUTH)(=|["'][ \t]*:[ \t]*)${VALUE}`,
      'gi',
    ),
    (_m, name, sep, value = '') => `${name}${sep}${maskValue(value)}`,
  ],
  // redis-cli -a PASS / --pass PASS, and our own --password.
  [
    new RegExp(String.raw`(^|[\s"'])(-a|--pass|--password)([ \t]+|=)${VALUE}`, 'g'),
    (_m, pre, flag, sep, value = '') => `${pre}${flag}${sep}${maskValue(value)}`,
  ],
];

// `AUTH pw` or `AUTH user pw`; when more words follow we cannot tell which one is the
// password, so both are hidden. `HELLO ... AUTH user pw` was handled by the rule above.
function authRule(this: void, match: string, ...rest: (string | number | undefined)[]): string {
  const [pre, word, sp1, first = '', sp2, second] = rest as (string | undefined)[];
  const offset = rest[6] as number;
  const whole = rest[7] as string;
  const lineStart = whole.lastIndexOf('\n', offset) + 1;
  const afterHello = /\bHELLO\b/i.test(whole.slice(lineStart, offset + (pre?.length ?? 0)));
  if (afterHello && second !== undefined) return match;
  if (PLACEHOLDER.test(first)) return match;
  const more = /^[ \t]+\S/.test(whole.slice(offset + match.length));
  if (second === undefined) return `${pre}${word}${sp1}${maskValue(first)}`;
  const user = more ? maskValue(first) : first;
  return `${pre}${word}${sp1}${user}${sp2}${maskValue(second)}`;
}

// Every rule above needs one of these (a scheme's `@`, a quote, `<`/`>`, a hash's `#`/`!`,
// AUTH, a *pass* setting, `-a`): text without any of them is left as it is, without ten regex
// passes. test/domain/redact.test.ts feeds every rule's cases through this gate.
const MAYBE_SECRET = /[<>@'#!]|auth|pass|-a/i;

function redactOnce(text: string, known: RegExp | undefined): string {
  let out = known ? text.replace(known, REDACTED) : text;
  for (const [pattern, replace] of RULES) out = out.replace(pattern, replace);
  return out;
}

/** Hides known secrets (longest first) and password-shaped patterns. Idempotent. */
export function redact(text: string, secrets: readonly string[] = []): string {
  if (typeof text !== 'string' || text.length === 0) return text;
  const known = knownSecretsPattern(secrets);
  if (known === undefined && !MAYBE_SECRET.test(text)) return text;
  // One pass can create a new match (a secret next to a fresh marker); repeat to a fixpoint.
  let out = text;
  for (let i = 0; i < 4; i++) {
    const next = redactOnce(out, known);
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Deep copy of `value` with every string (keys included) redacted; cycles are preserved. */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  const known = secrets;
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, known);
    if (v === null || typeof v !== 'object') return v;
    const prior = seen.get(v);
    if (prior !== undefined) return prior;
    if (v instanceof Date) return new Date(v.getTime());
    if (v instanceof Error) return { name: v.name, message: safeErrorMessage(v, known) };
    if (v instanceof Uint8Array) {
      const text = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('utf8');
      const clean = redact(text, known);
      return clean === text ? Buffer.from(v) : Buffer.from(clean, 'utf8');
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(walk(item));
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      seen.set(v, out);
      for (const [k, item] of v) out.set(walk(k), walk(item));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set<unknown>();
      seen.set(v, out);
      for (const item of v) out.add(walk(item));
      return out;
    }
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const key of Object.keys(v)) {
      // defineProperty: a "__proto__" key must stay data, not become the prototype.
      Object.defineProperty(out, redact(key, known), {
        value: walk((v as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return walk(value) as T;
}

export interface RedactArgsOptions {
  /** Known secrets, hidden wherever they appear in any argument. */
  secrets?: readonly string[];
}

const SECRET_CONFIG = new Set(SECRET_SETTINGS.split('|'));
// Every byte kept (an argument that was not UTF-8 went out as a Buffer): see domain/bytes.ts.
const argText = (a: string | Uint8Array): string => (typeof a === 'string' ? a : decodeServerBytes(a));

// Which positions of `words` (subcommand words + args) hold a secret, per command.
function maskCommand(name: string, words: string[]): Map<number, string> {
  const masks = new Map<number, string>();
  const up = words.map((w) => w.toUpperCase());
  const sub = up[0];
  if (name === 'AUTH') {
    if (words.length === 2) masks.set(1, REDACTED);
    else words.forEach((_w, i) => masks.set(i, REDACTED));
  } else if (name === 'HELLO') {
    const at = up.indexOf('AUTH');
    if (at !== -1) masks.set(at + 2, REDACTED);
  } else if (name === 'ACL' && sub === 'SETUSER') {
    words.forEach((w, i) => {
      if (i < 2) return;
      // `#<sha256>` / `!<sha256>` too: not plaintext, but crackable offline.
      if (/^[<>#!]/.test(w)) masks.set(i, `${w[0]}${REDACTED}`);
    });
  } else if (name === 'CONFIG' && sub === 'SET') {
    for (let i = 1; i + 1 < words.length; i += 2) {
      if (SECRET_CONFIG.has(words[i]!.toLowerCase())) masks.set(i + 1, REDACTED);
    }
  } else if (name === 'MIGRATE') {
    // host port key db timeout [COPY] [REPLACE] [AUTH pw | AUTH2 user pw] [KEYS ...]: the
    // key (index 2) may itself be called "AUTH", and nothing after KEYS is an option.
    for (let i = 5; i < words.length && up[i] !== 'KEYS'; i++) {
      if (up[i] === 'AUTH') masks.set(i + 1, REDACTED);
      if (up[i] === 'AUTH2') masks.set(i + 2, REDACTED);
    }
  } else if (name === 'SENTINEL') {
    up.forEach((w, i) => {
      if (w === 'AUTH-PASS' || w === 'SENTINEL-PASS') masks.set(i + 1, REDACTED);
    });
  }
  return masks;
}

/**
 * Printable copy of a command's args for the journal or the screen, with passwords
 * masked by position: AUTH, HELLO ... AUTH, ACL SETUSER `>pw`/`<pw` and `#hash`/`!hash`, CONFIG SET
 * requirepass/masterauth, MIGRATE ... AUTH/AUTH2, ACL DRYRUN of any of those.
 * `command` is the command name, optionally with its subcommand ("ACL SETUSER", "acl|setuser").
 */
export function redactArgs(
  command: string,
  args: readonly (string | Uint8Array)[],
  opts: RedactArgsOptions = {},
): string[] {
  const texts = args.map(argText);
  const [name = '', ...head] = command.trim().split(/[\s|]+/);
  const words = [...head, ...texts];
  const upName = name.toUpperCase();
  let masked: string[];
  if (upName === 'ACL' && words[0]?.toUpperCase() === 'DRYRUN' && words.length >= 3) {
    // ACL DRYRUN user <command> <args...> runs nothing, but its args are as secret.
    masked = [...words.slice(0, 3), ...redactArgs(words[2]!, words.slice(3))];
  } else {
    const masks = maskCommand(upName, words);
    masked = words.map((w, i) => masks.get(i) ?? w);
  }
  return masked.slice(head.length).map((w) => redact(w, opts.secrets));
}

// ioredis hangs the failed command on the error: its sensitive args are secrets to hide
// from the message (Redis may echo them). Very short ones would shred ordinary words.
function commandSecrets(err: object): string[] {
  const command = (err as { command?: unknown }).command;
  if (typeof command !== 'object' || command === null) return [];
  const { name, args } = command as { name?: unknown; args?: unknown };
  if (typeof name !== 'string' || !Array.isArray(args)) return [];
  const raw = args.filter((a): a is string | Uint8Array => typeof a === 'string' || a instanceof Uint8Array);
  const masked = redactArgs(name, raw);
  const found: string[] = [];
  raw.forEach((arg, i) => {
    const text = argText(arg);
    if (masked[i] === text) return;
    // The rule's sigil is not secret: `!‹redacted›` still says which kind of rule it was.
    const secret = /^[<>#!]/.test(text) ? text.slice(1) : text;
    if (secret.length >= 3) found.push(secret);
  });
  return found;
}

function messageOf(err: unknown, depth: number): string {
  if (typeof err === 'string') return err;
  if (err === null || err === undefined) return '';
  if (typeof err === 'number' || typeof err === 'boolean' || typeof err === 'bigint') return String(err);
  if (typeof err === 'symbol') return err.toString();
  if (typeof err !== 'object') return ''; // a function's source is no message
  const { message, errors, code, name } = err as Record<string, unknown>;
  if (typeof message === 'string' && message.length > 0) return message;
  // Node reports a failed multi-address connect as an AggregateError with an empty message.
  if (Array.isArray(errors) && depth < 3) {
    const inner = errors.map((e) => messageOf(e, depth + 1)).filter((m) => m.length > 0);
    if (inner.length > 0) return inner.join('; ');
  }
  if (typeof code === 'string') return code;
  if (err instanceof Error) return typeof name === 'string' ? name : 'Error';
  try {
    return JSON.stringify(err) ?? Object.prototype.toString.call(err);
  } catch {
    return Object.prototype.toString.call(err);
  }
}

/**
 * The message of any thrown value, redacted, without stack and without the command args
 * ioredis attaches (which can hold AUTH / ACL SETUSER passwords). Never throws.
 */
export function safeErrorMessage(err: unknown, secrets: readonly string[] = []): string {
  try {
    const extra = typeof err === 'object' && err !== null ? commandSecrets(err) : [];
    const message = redact(messageOf(err, 0), [...secrets, ...extra]);
    return message.length > 0 ? message : 'unknown error';
  } catch {
    return 'unknown error';
  }
}
