// The checks Redis makes against a user's state, for a user that starts empty. Both ways a
// file reaches a server start there: ACL LOAD creates every user of the file afresh, and
// `acl apply` sends `ACL SETUSER NAME reset <rules>`, after which the user is as empty (no
// password, no pattern, no selector). So `<pw` or `!hash` can only remove a password an
// earlier rule of the same line added; Redis refuses the whole line otherwise.
import { REDACTED } from '../redact.js';
import { applyRules, blankUser } from './apply-rules.js';
import { msg } from './rules-messages.js';
import { sha256Hex } from './rules-text.js';
import type { AclRuleError, AclRuleToken } from './types.js';

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

function passwordErrors(tokens: readonly AclRuleToken[]): AclRuleError[] {
  const errors: AclRuleError[] = [];
  const has = new Set<string>();
  for (const t of tokens) {
    const { rule } = t;
    if (rule.kind === 'nopass' || rule.kind === 'resetpass' || rule.kind === 'reset') has.clear();
    if (rule.kind !== 'password' && rule.kind !== 'hash') continue;
    const hash = rule.kind === 'hash' ? rule.hash : sha256Hex(rule.secret);
    if (rule.op === 'add') has.add(hash);
    else if (!has.delete(hash)) {
      // Neither the password nor its hash is ever shown.
      const shown = `${rule.kind === 'hash' ? '!' : '<'}${REDACTED}`;
      errors.push(at(t, shown, msg.noSuchPassword(shown)));
    }
  }
  return errors;
}

// `~*` after other patterns first: the `*` pattern of `%RW~*` (or `%R~* %W~*`) is not last.
const starNotLast = (keys: readonly string[]): boolean => {
  const i = keys.indexOf('~*');
  return i >= 0 && i < keys.length - 1;
};

function starWarnings(tokens: readonly AclRuleToken[]): AclRuleError[] {
  const isStar = (t: AclRuleToken) => t.rule.kind === 'key' && t.rule.pattern === '*' && t.text !== '~*';
  const warnings: AclRuleError[] = [];
  const root = tokens.filter((t) => t.rule.kind !== 'selector');
  const first = root.find(isStar);
  if (first && starNotLast(applyRules(blankUser(''), root).keys)) {
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

/** What Redis would refuse, or accept against intent, in rules given to a user that starts empty. */
export function freshUserProblems(tokens: readonly AclRuleToken[]): FreshUserProblems {
  const mayWarn = tokens.some(
    (t) =>
      (t.rule.kind === 'key' && t.rule.pattern === '*') ||
      (t.rule.kind === 'selector' &&
        t.rule.rules.some((r) => r.rule.kind === 'key' && r.rule.pattern === '*')),
  );
  return { errors: passwordErrors(tokens), warnings: mayWarn ? starWarnings(tokens) : [] };
}
