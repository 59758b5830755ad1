// The audit's replies (CONFIG GET *, ACL LIST, ACL DRYRUN, MODULE LIST) -> NodeFacts parts.
// Pure. Replies are read as bytes: names, paths and patterns keep every byte
// (src/domain/bytes.ts); secret values are never turned into strings at all.
import type { AuditUser, DryRun, LoadedModule, SecretSetting } from '../../domain/audit/types.js';
import { userFromListLine } from '../../domain/acl/rules.js';
import { decodeServerBytes } from '../../domain/bytes.js';
import { REDACTED } from '../../domain/redact.js';

const text = (value: unknown, what: string): string => {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return decodeServerBytes(value);
  if (typeof value === 'number') return String(value);
  throw new Error(`${what}: expected a string`);
};

/**
 * Settings whose value is a password: requirepass, masterauth (and Valkey's alias primaryauth),
 * and every `*pass*` (tls-key-file-pass, tls-client-key-file-pass, ...).
 */
export const isSecretSetting = (name: string): boolean =>
  name.includes('pass') || name === 'masterauth' || name === 'primaryauth';

/**
 * Characters of a UTF-8 value counted on its bytes (every byte but a continuation byte), so
 * the secret is never decoded into a JS string, which could not be wiped.
 */
function secretSetting(value: Uint8Array | string | undefined): SecretSetting {
  if (value === undefined || value.length === 0) return { set: false };
  if (typeof value === 'string') return { set: true, length: [...value].length };
  let length = 0;
  for (const b of value) if ((b & 0xc0) !== 0x80) length += 1;
  return { set: true, length };
}

export interface ConfigFacts {
  config: Record<string, string>;
  requirepass: SecretSetting;
  masterauth: SecretSetting;
}

/**
 * CONFIG GET * (a flat name/value array) -> the settings without any secret, and of
 * requirepass and masterauth only whether they are set and how long. The secret values are
 * zeroed in the reply's buffers once measured, so they do not outlive this call in our memory.
 */
export function splitConfig(reply: unknown): ConfigFacts {
  if (!Array.isArray(reply) || reply.length % 2 !== 0)
    throw new Error('CONFIG GET *: expected a name/value array');
  const config: Record<string, string> = {};
  const secrets = new Map<string, Uint8Array | string>();
  for (let i = 0; i < reply.length; i += 2) {
    const name = text(reply[i], 'CONFIG GET * name').toLowerCase();
    const value: unknown = reply[i + 1];
    if (isSecretSetting(name)) {
      if (value instanceof Uint8Array || typeof value === 'string') secrets.set(name, value);
      continue;
    }
    config[name] = text(value, `CONFIG GET ${name}`);
  }
  const facts = {
    config,
    requirepass: secretSetting(secrets.get('requirepass')),
    masterauth: secretSetting(secrets.get('masterauth') ?? secrets.get('primaryauth')),
  };
  for (const v of secrets.values()) if (v instanceof Uint8Array) v.fill(0);
  return facts;
}

/** `#<sha256>` in an ACL LIST line: a hash is crackable offline, so evidence shows the marker. */
export const maskHashes = (line: string): string =>
  line.replace(/(^| )#[0-9a-f]{64}(?= |$)/g, `$1#${REDACTED}`);

/** ACL LIST lines -> the users the checks judge; the hashes kept for the offline weak-password check. */
export function auditUsers(lines: readonly string[]): AuditUser[] {
  return lines.map((line) => {
    const u = userFromListLine(line);
    // The rules only: ruleLine (domain/audit/users.ts) puts `user <name>` in front for evidence.
    const head = `user ${u.name} `;
    const rules = line.startsWith(head) ? line.slice(head.length) : line;
    return {
      name: u.name,
      enabled: u.enabled,
      nopass: u.nopass,
      passwords: u.passwords,
      rules: maskHashes(rules),
      keys: u.keys,
      channels: u.channels,
      commands: u.commands,
    };
  });
}

/** ACL DRYRUN's reply: `OK`, else the denial (a bulk string on 7.0 to Valkey 8, not an error). */
export function dryRunAnswer(reply: unknown): DryRun {
  const value = text(reply, 'ACL DRYRUN');
  return value === 'OK' ? 'allowed' : { denied: value };
}

/** MODULE LIST: one flat name/value array per module (`name`, `ver`, and since 7.0 `path`, `args`). */
export function parseModuleList(reply: unknown): LoadedModule[] {
  if (!Array.isArray(reply)) throw new Error('MODULE LIST: expected an array');
  return reply.map((entry, i) => {
    if (!Array.isArray(entry) || entry.length % 2 !== 0)
      throw new Error(`MODULE LIST entry ${i + 1}: expected a name/value array`);
    const fields = new Map<string, unknown>();
    for (let j = 0; j < entry.length; j += 2)
      fields.set(text(entry[j], 'MODULE LIST field').toLowerCase(), entry[j + 1]);
    const name = fields.get('name');
    if (name === undefined) throw new Error(`MODULE LIST entry ${i + 1}: no name`);
    const module: LoadedModule = { name: text(name, 'MODULE LIST name') };
    const ver = fields.get('ver');
    if (ver !== undefined) module.version = text(ver, 'MODULE LIST ver');
    const path = fields.get('path');
    if (path !== undefined) module.path = text(path, 'MODULE LIST path');
    const args = fields.get('args');
    if (Array.isArray(args)) module.args = args.map((a) => text(a, 'MODULE LIST args'));
    return module;
  });
}
