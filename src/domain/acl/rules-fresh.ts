// The checks Redis makes against a user's state. Both ways a file reaches a server start
// from an empty user: ACL LOAD creates every user of the file afresh, and `acl apply` sends
// `ACL SETUSER NAME reset <rules>`, after which the user is as empty (no password, no
// pattern, no selector). So `<pw` or `!hash` can only remove a password an earlier rule of
// the same line added; Redis refuses the whole line otherwise. The rule editor's "append"
// adds rules to the user as it is: its passwords and flags are the start (rules-context.ts).
import { REDACTED } from '../redact.js';
import { applyRules, blankUser } from './apply-rules.js';
import { contextErrors } from './rules-context.js';
import type { RuleStart } from './rules-context.js';
import { msg } from './rules-messages.js';
import { sha256Hex } from './rules-text.js';
import { validateAgainstServer } from './rules-validate.js';
import type { AclRuleError, AclRuleToken, CommandUniverse, ParsedRules } from './types.js';

export interface FreshUserProblems {
  errors: AclRuleError[];
  warnings: AclRuleError[];
}

const at = (t: AclRuleToken, text: string, message: string): AclRuleError => ({
  text,
  start: t.start,
  end: t.end,
  message,
});

function passwordErrors(tokens: readonly AclRuleToken[], start: RuleStart): AclRuleError[] {
  const errors: AclRuleError[] = [];
  const has = new Set<string>(start.user?.passwords);
  for (const t of tokens) {
    const { rule } = t;
    if (rule.kind === 'nopass' || rule.kind === 'resetpass' || rule.kind === 'reset') has.clear();
    if (rule.kind !== 'password' && rule.kind !== 'hash') continue;
    const hash = rule.kind === 'hash' ? rule.hash : sha256Hex(rule.secret);
    if (rule.op === 'add') has.add(hash);
    else if (!has.delete(hash)) {
      // Neither the password nor its hash is ever shown.
      const shown = `${rule.kind === 'hash' ? '!' : '<'}${REDACTED}`;
      errors.push(at(t, shown, start.fileLine ? msg.noSuchPassword(shown) : msg.userLacksPassword(shown)));
    }
  }
  return errors;
}

// `~*` after other patterns first: the `*` pattern of `%RW~*` (or `%R~* %W~*`) is not last.
const starNotLast = (keys: readonly string[]): boolean => {
  const i = keys.indexOf('~*');
  return i >= 0 && i < keys.length - 1;
};

function starWarnings(tokens: readonly AclRuleToken[], start: RuleStart): AclRuleError[] {
  const isStar = (t: AclRuleToken) => t.rule.kind === 'key' && t.rule.pattern === '*' && t.text !== '~*';
  const warnings: AclRuleError[] = [];
  const root = tokens.filter((t) => t.rule.kind !== 'selector');
  const first = root.find(isStar);
  if (first && starNotLast(applyRules(start.user ?? blankUser(''), root).keys)) {
    warnings.push(at(first, first.text, msg.allKeysNotLast()));
  }
  for (const t of tokens) {
    if (t.rule.kind !== 'selector' || !t.rule.rules.some(isStar)) continue;
    if (starNotLast(applyRules(blankUser(''), [t]).selectors[0]?.keys ?? [])) {
      warnings.push(at(t, t.text, msg.allKeysNotLast()));
    }
  }
  return warnings;
}

/**
 * What Redis would refuse, or accept against intent, in rules applied to `start`: by default
 * a user that starts empty on a server with acl-pubsub-default resetchannels (the grammar's
 * own start, so only the passwords are left to check).
 */
export function userProblems(tokens: readonly AclRuleToken[], start: RuleStart = {}): FreshUserProblems {
  const mayWarn = tokens.some(
    (t) =>
      (t.rule.kind === 'key' && t.rule.pattern === '*') ||
      (t.rule.kind === 'selector' &&
        t.rule.rules.some((r) => r.rule.kind === 'key' && r.rule.pattern === '*')),
  );
  const plain = start.user === undefined && start.pubsubDefault !== 'allchannels';
  return {
    errors: [...passwordErrors(tokens, start), ...(plain ? [] : contextErrors(tokens, start))],
    warnings: mayWarn ? starWarnings(tokens, start) : [],
  };
}

/** userProblems for the start of every file line: a user that starts empty. */
export const freshUserProblems = (tokens: readonly AclRuleToken[]): FreshUserProblems =>
  userProblems(tokens, { fileLine: true });

/**
 * Every reason Redis would refuse these rules, applied to `start` on a server with
 * `universe`: the one verdict the rule editor gives (acl plan reaches the same one in two
 * steps: the file without the server, then checkOnServer).
 */
export function ruleErrors(
  parsed: ParsedRules,
  start: RuleStart,
  universe: CommandUniverse | undefined,
): AclRuleError[] {
  return [
    ...parsed.errors,
    ...(start.since72 ? parsed.refusedSince72 : []),
    ...userProblems(parsed.tokens, start).errors,
    ...(universe ? validateAgainstServer(parsed.tokens, universe) : []),
  ].sort((a, b) => a.start - b.start);
}

/**
 * What depends on the server, for rules the file check accepted (each from an empty user):
 * the commands it knows and its acl-pubsub-default.
 */
export function checkOnServer(
  tokens: readonly AclRuleToken[],
  universe: CommandUniverse,
  pubsubDefault: RuleStart['pubsubDefault'],
): AclRuleError[] {
  const context = pubsubDefault === 'allchannels' ? contextErrors(tokens, { pubsubDefault }) : [];
  return [...context, ...validateAgainstServer(tokens, universe)].sort((a, b) => a.start - b.start);
}
