// ACL rules as operation parameters: a password rule (`>pw`, `<pw`, `#sha256`, `!sha256`) is a
// secret, so it stands in the params as `{ secret: n }` and its text comes beside the
// operation at run time, in its place: Redis applies rules in order (`#h nopass` is not
// `nopass #h`), so the order is kept.
import { toDisplay } from '../../domain/display.js';
import { int, obj, OperationError, str } from './check.js';
import type { Check } from './check.js';

export type RuleToken = string | { secret: number };

const isPasswordRule = (rule: string) => /^[<>#!]/.test(rule);

const ruleText = str({
  nonEmpty: true,
  refuse: (r) =>
    isPasswordRule(r) ? 'a password or its hash is a secret: it goes beside the operation' : undefined,
});
const secretRef = obj({ secret: int(0) });

export const ruleToken: Check<RuleToken> = (v, path) =>
  typeof v === 'string' ? ruleText(v, path) : secretRef(v, path);

/** Rules as a caller has them, split into params and what goes beside. */
export function splitRules(args: readonly string[]): { rules: RuleToken[]; secretRules: string[] } {
  const secretRules: string[] = [];
  const rules = args.map((a): RuleToken => {
    if (!isPasswordRule(a)) return a;
    secretRules.push(a);
    return { secret: secretRules.length - 1 };
  });
  return { rules, secretRules };
}

/** The rules to send: each `{ secret: n }` replaced by the n-th secret rule given beside. */
export function joinRules(rules: readonly RuleToken[], secretRules: readonly string[] = []): string[] {
  return rules.map((r) => {
    if (typeof r === 'string') return r;
    const s = secretRules[r.secret];
    if (s === undefined)
      throw new OperationError(
        `password rule ${r.secret + 1} is not given: it is never saved with the operation`,
      );
    return s;
  });
}

/** The rules as a confirmation shows them: names escaped, a password as a marker. */
export const shownRules = (rules: readonly RuleToken[]): string =>
  rules.map((r) => (typeof r === 'string' ? toDisplay(r) : '‹password›')).join(' ');

/** The secrets inside password rules: the password or hash, with and without its prefix. */
export const ruleSecrets = (secretRules: readonly string[]): string[] =>
  secretRules.flatMap((r) => [r, r.slice(1)]);
