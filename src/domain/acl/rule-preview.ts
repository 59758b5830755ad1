// What the rule editor shows while the operator types: parse errors at the token, what this
// server would refuse, the permission diff, lockout risks, and the exact ACL SETUSER
// arguments (passwords already hashed, so plain text never crosses the wire). The verdict is
// the one acl plan gives (domain/acl/rules-fresh.ts), for what each mode sends: "append"
// adds the rules to the user as it is, "replace" and a new user start from `reset`.
import { applyRules, blankUser } from './apply-rules.js';
import { diffUsers } from './diff.js';
import { lockoutRisks } from './lockout.js';
import { addedRisks } from './risk.js';
import type { RiskGrade } from './risk.js';
import { since72 } from './rules-context.js';
import type { PubsubDefault, RuleStart } from './rules-context.js';
import { ruleErrors } from './rules-fresh.js';
import { parseRuleArgs, parseRules, rulesToArgs, userToRules } from './rules.js';
import { maskedRuleArgs } from './summary.js';
import type { AclRule, AclUser, CommandUniverse } from './types.js';

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
  /** The server's acl-pubsub-default; unknown: Redis's default (the pane says it assumed it). */
  pubsubDefault?: PubsubDefault;
  /** The server's INFO redis_version: 7.2+ refuses what only 7.0 loads (unknown: as 7.2+). */
  serverVersion?: string;
}

export interface Preview {
  errors: string[];
  /** Everything that blocks applying (errors included). */
  problems: string[];
  changes: string[];
  lockout: string[];
  /** Risk flags the user would have after the change and does not have now. */
  newRisks: { severity: RiskGrade; detail: string }[];
  args: string[];
  /** Where the typed rules start in `args`: after nothing (append), or `reset` and what replace keeps. */
  typedFrom: number;
  /** The arguments as shown in the confirmation: hashes masked. */
  shownArgs: string[];
  secrets: string[];
  hasPassword: boolean;
  /** The user's rules without password hashes: the start of a "replace" edit. */
  currentRules: string;
}

/** "Replace" keeps the password hashes and the on/off state unless the new rules say otherwise. */
function replacePrefix(before: AclUser, rules: readonly AclRule[], asked: boolean): string[] {
  const keep = asked ? [] : before.passwords.map((h) => `#${h}`);
  const status = rules.some((r) => r.kind === 'on' || r.kind === 'off')
    ? []
    : [before.enabled ? 'on' : 'off'];
  return ['reset', ...status, ...(before.nopass && !asked ? ['nopass'] : []), ...keep];
}

export function previewRules(p: PreviewInput): Preview {
  const parsed = parseRules(p.text);
  const at = (e: { start: number; message: string }) => `column ${e.start + 1}: ${e.message}`;
  const errors = parsed.errors.map(at);
  const rules = parsed.tokens.map((t) => t.rule);
  const secrets = rules.flatMap((r) => (r.kind === 'password' ? [r.secret] : []));
  const hasPassword = rules.some(
    (r) => r.kind === 'nopass' || ((r.kind === 'password' || r.kind === 'hash') && r.op === 'add'),
  );
  const asked = rules.some((r) => r.kind === 'resetpass' || r.kind === 'nopass' || r.kind === 'reset');
  const hashed = rulesToArgs(parsed.tokens, { hashPasswords: true });
  const appending = p.before !== undefined && p.mode === 'append';
  const prefix = appending ? [] : p.before ? replacePrefix(p.before, rules, asked) : ['reset'];
  const args = [...prefix, ...hashed];
  // The verdict is for what is sent: appended rules meet the user's passwords and its
  // allkeys/allchannels flags; otherwise they come after the prefix, on a user `reset` emptied.
  const pubsubDefault = p.pubsubDefault;
  const newer = since72(p.serverVersion);
  const start: RuleStart = appending
    ? { user: p.before, pubsubDefault, since72: newer }
    : { pubsubDefault, since72: newer };
  const sent = { ...parsed, tokens: [...parseRuleArgs(prefix).tokens, ...parsed.tokens] };
  const problems = ruleErrors(sent, start, p.universe).map(at);
  if (!p.before) {
    if (!p.name) problems.push('the user needs a name');
    else if (/\s/.test(p.name))
      problems.push('a username cannot contain spaces or newlines (Redis refuses them)');
    else if (p.exists) problems.push(`a user with that name exists: open it and edit its rules (e) instead`);
  }
  const base = p.before ?? blankUser(p.name, pubsubDefault);
  const after = applyRules(base, parseRuleArgs(args).tokens, pubsubDefault);
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
    typedFrom: prefix.length,
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
