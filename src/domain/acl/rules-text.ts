// Rules back to ACL SETUSER arguments, in the canonical spelling Redis itself prints.
import { createHash } from 'node:crypto';
import type { AclRule, AclRuleToken } from './types.js';

export const sha256Hex = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * A rule as a word inside `( ... )`: Redis splits a selector with sdssplitargs, which reads
 * quotes, so a word holding one is written double-quoted (only `\\` and `"` escaped there).
 * Its spaces are C's isspace(), ASCII only: JavaScript's \s would also quote U+2000 and the like,
 * which Redis keeps inside a word (a fast-check seed found it).
 */
export const selectorWord = (word: string): string =>
  /["' \t\n\v\f\r]/.test(word) ? `"${word.replace(/[\\"]/g, (c) => `\\${c}`)}"` : word;

export function ruleToText(rule: AclRule): string {
  switch (rule.kind) {
    case 'password':
      return `${rule.op === 'add' ? '>' : '<'}${rule.secret}`;
    case 'hash':
      return `${rule.op === 'add' ? '#' : '!'}${rule.hash}`;
    case 'key':
      if (rule.flagless) return `%RW~${rule.pattern}`;
      return `${rule.access === 'RW' ? '' : `%${rule.access}`}~${rule.pattern}`;
    case 'channel':
      return `&${rule.pattern}`;
    case 'command':
      return `${rule.allow ? '+' : '-'}${rule.category ? '@' : ''}${rule.name}`;
    case 'selector':
      return `(${rule.rules.map((t) => selectorWord(ruleToText(t.rule))).join(' ')})`;
    default:
      return rule.kind;
  }
}

export interface RulesToArgsOptions {
  /**
   * Send `#sha256` / `!sha256` instead of `>pw` / `<pw`: Redis stores only the hash anyway,
   * and a plaintext password then never crosses the wire, the journal or an error echo.
   */
  hashPasswords?: boolean;
}

// A pattern written as Redis prints it (`~p`, `%R~p`, `&p`): a big file's many patterns then
// share the token's string instead of each getting a copy.
function spelledAsPrinted(rule: AclRule, text: string): boolean {
  if (rule.kind === 'channel') return text.length === rule.pattern.length + 1 && text[0] === '&';
  if (rule.kind !== 'key' || rule.flagless) return false;
  const prefix = rule.access === 'RW' ? 1 : 3;
  return (
    text.length === rule.pattern.length + prefix &&
    (prefix === 1 ? text[0] === '~' : text[0] === '%' && text[1] === rule.access && text[2] === '~')
  );
}

/** ruleToText(token.rule), reusing token.text when it is spelled that way already. */
export const tokenText = (t: AclRuleToken): string =>
  spelledAsPrinted(t.rule, t.text) ? t.text : ruleToText(t.rule);

export function rulesToArgs(tokens: readonly AclRuleToken[], opts: RulesToArgsOptions = {}): string[] {
  return tokens.map((t) => {
    const { rule } = t;
    if (rule.kind === 'password' && opts.hashPasswords) {
      return `${rule.op === 'add' ? '#' : '!'}${sha256Hex(rule.secret)}`;
    }
    return tokenText(t);
  });
}
