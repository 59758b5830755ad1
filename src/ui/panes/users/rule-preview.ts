// What the rule editor shows while the operator types: parse errors at the token, rules
// this server would reject, the permission diff, lockout risks, and the exact ACL SETUSER
// arguments (passwords already hashed, so plain text never crosses the wire).
import { applyRules, blankUser, sha256 } from '../../../domain/acl/apply-rules.js';
import { diffUsers } from '../../../domain/acl/diff.js';
import { lockoutRisks } from '../../../domain/acl/lockout.js';
import { addedRisks } from '../../../domain/acl/risk.js';
import {
  parseRuleArgs,
  parseRules,
  rulesToArgs,
  userToRules,
  validateAgainstServer,
} from '../../../domain/acl/rules.js';
import { maskedRuleArgs } from '../../../domain/acl/summary.js';
import type { AclUser, CommandUniverse } from '../../../domain/acl/types.js';

export type EditMode = 'append' | 'replace';

export interface PreviewInput {
  name: string;
  /** The user now; absent when creating. */
  before?: AclUser;
  text: string;
  mode: EditMode;
  users: readonly AclUser[];
  me?: string;
  universe?: CommandUniverse;
  /** Creating a name that is taken. */
  exists: boolean;
}

export interface Preview {
  errors: string[];
  /** Everything that blocks applying (errors included). */
  problems: string[];
  changes: string[];
  lockout: string[];
  /** Risk flags the user would have after the change and does not have now. */
  newRisks: { severity: 'high' | 'medium'; detail: string }[];
  args: string[];
  /** The arguments as shown in the confirmation: hashes masked. */
  shownArgs: string[];
  secrets: string[];
  hasPassword: boolean;
  /** The user's rules without password hashes: the start of a "replace" edit. */
  currentRules: string;
}

export function previewRules(p: PreviewInput): Preview {
  const parsed = parseRules(p.text);
  const errors = parsed.errors.map((e) => `column ${e.start + 1}: ${e.message}`);
  const server = p.universe ? validateAgainstServer(parsed.tokens, p.universe) : [];
  const problems = [...errors, ...server.map((e) => `column ${e.start + 1}: ${e.message}`)];
  if (!p.before) {
    if (!p.name) problems.push('the user needs a name');
    else if (/\s/.test(p.name))
      problems.push('a username cannot contain spaces or newlines (Redis refuses them)');
    else if (p.exists) problems.push(`a user with that name exists: open it and edit its rules (e) instead`);
  }
  const rules = parsed.tokens.map((t) => t.rule);
  // Redis rejects the whole SETUSER for a password the user does not have (and echoes it).
  const has = new Set(p.before?.passwords ?? []);
  for (const r of rules) {
    if (r.kind === 'password' || r.kind === 'hash') {
      const h = r.kind === 'hash' ? r.hash : sha256(r.secret);
      if (r.op === 'add') has.add(h);
      else if (!has.has(h))
        problems.push(
          `${r.kind === 'hash' ? '!hash' : '<password'}: this user has no such password, and Redis would reject the whole change`,
        );
      else has.delete(h);
    } else if (r.kind === 'resetpass' || r.kind === 'nopass' || r.kind === 'reset') has.clear();
  }
  const secrets = rules.flatMap((r) => (r.kind === 'password' ? [r.secret] : []));
  const hasPassword = rules.some(
    (r) => r.kind === 'nopass' || ((r.kind === 'password' || r.kind === 'hash') && r.op === 'add'),
  );
  const asked = rules.some((r) => r.kind === 'resetpass' || r.kind === 'nopass' || r.kind === 'reset');
  const hashed = rulesToArgs(parsed.tokens, { hashPasswords: true });
  let args: string[];
  if (!p.before) args = ['reset', ...hashed];
  else if (p.mode === 'append') args = hashed;
  else {
    // "Replace" keeps the password hashes and the on/off state unless the new rules say otherwise.
    const keep = asked ? [] : p.before.passwords.map((h) => `#${h}`);
    const status = rules.some((r) => r.kind === 'on' || r.kind === 'off')
      ? []
      : [p.before.enabled ? 'on' : 'off'];
    args = ['reset', ...status, ...(p.before.nopass && !asked ? ['nopass'] : []), ...keep, ...hashed];
  }
  // Appending a pattern to a user that already has every key (or channel) is refused by
  // Redis: say so here, with the fix, rather than after sending.
  if (p.before && p.mode === 'append') {
    let allKeys = p.before.keys.some((k) => k === '~*' || k === '%RW~*');
    let allChannels = p.before.channels.includes('&*');
    for (const r of rules) {
      if (r.kind === 'resetkeys' || r.kind === 'reset') allKeys = false;
      if (r.kind === 'resetchannels' || r.kind === 'reset') allChannels = false;
      if (r.kind === 'key' && allKeys && r.pattern !== '*')
        problems.push(
          `~${r.pattern}: this user already has every key (~*), and Redis refuses a pattern after it: start with resetkeys`,
        );
      if (r.kind === 'channel' && allChannels && r.pattern !== '*')
        problems.push(
          `&${r.pattern}: this user already has every channel (&*), and Redis refuses a pattern after it: start with resetchannels`,
        );
    }
  }
  const base = p.before ?? blankUser(p.name);
  const after = applyRules(base, parseRuleArgs(args).tokens);
  const others = p.users.filter((u) => u.name !== p.name);
  const lockout = problems.length ? [] : lockoutRisks(p.me, p.users, [...others, after], p.universe);
  const changes = p.text.trim() ? diffUsers(base, after, p.universe).map((c) => c.text) : [];
  // Risks the change would add (a user made nopass, given @all on every key, ...).
  const newRisks = addedRisks(p.before, after, p.universe);
  return {
    errors,
    problems,
    changes,
    lockout,
    newRisks: newRisks.map((r) => ({ severity: r.severity, detail: r.detail })),
    args,
    shownArgs: maskedRuleArgs(args),
    secrets,
    hasPassword,
    currentRules: p.before
      ? userToRules(p.before)
          .filter((r) => !/^[#!]/.test(r))
          .join(' ')
      : '',
  };
}
