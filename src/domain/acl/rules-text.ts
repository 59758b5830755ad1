// Rules back to ACL SETUSER arguments, in the canonical spelling Redis itself prints.
import { createHash } from 'node:crypto';
import type { AclRule, AclRuleToken } from './types.js';

export const sha256Hex = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

export function ruleToText(rule: AclRule): string {
  switch (rule.kind) {
    case 'password':
      return `${rule.op === 'add' ? '>' : '<'}${rule.secret}`;
    case 'hash':
      return `${rule.op === 'add' ? '#' : '!'}${rule.hash}`;
    case 'key':
      return `${rule.access === 'RW' ? '' : `%${rule.access}`}~${rule.pattern}`;
    case 'channel':
      return `&${rule.pattern}`;
    case 'command':
      return `${rule.allow ? '+' : '-'}${rule.category ? '@' : ''}${rule.name}`;
    case 'selector':
      return `(${rule.rules.map((t) => ruleToText(t.rule)).join(' ')})`;
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

export function rulesToArgs(tokens: readonly AclRuleToken[], opts: RulesToArgsOptions = {}): string[] {
  return tokens.map(({ rule }) => {
    if (rule.kind === 'password' && opts.hashPasswords) {
      return `${rule.op === 'add' ? '#' : '!'}${sha256Hex(rule.secret)}`;
    }
    return ruleToText(rule);
  });
}
