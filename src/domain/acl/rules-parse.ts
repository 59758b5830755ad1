// The ACL SETUSER grammar with the context Redis checks: what a selector may hold, and no
// pattern after `allkeys`/`~*` (or `allchannels`/`&*`) without a reset in between. Tokens
// hold only rules that would be accepted, so rulesToArgs(tokens) never sends a bad one.
import type { AclRule, AclRuleError, AclRuleToken, ParsedRules } from './types.js';
import { msg, redactToken } from './rules-messages.js';
import { groupWords, wordsOfArgs, wordsOfText } from './rules-scan.js';
import type { Piece } from './rules-scan.js';
import { parseWord } from './rules-token.js';

const SELECTOR_KINDS = new Set<AclRule['kind']>([
  'key',
  'channel',
  'command',
  'allkeys',
  'resetkeys',
  'allchannels',
  'resetchannels',
  'allcommands',
  'nocommands',
]);

// Pattern rules may legitimately end in `)` (`~fn(x)`), so only others count as a stray close.
const MAY_END_IN_PAREN = new Set(['~', '%', '&', '>', '<']);

interface Scope {
  allKeys: boolean;
  allChannels: boolean;
}

const errorAt = (p: Piece, message: string): AclRuleError => ({
  text: redactToken(p.text),
  start: p.start,
  end: p.end,
  message,
});

// Redis's own order of checks: `~*` and `allkeys` always succeed and set the flag.
function contextError(rule: AclRule, text: string, scope: Scope): string | undefined {
  switch (rule.kind) {
    case 'allkeys':
      scope.allKeys = true;
      return undefined;
    case 'allchannels':
      scope.allChannels = true;
      return undefined;
    case 'resetkeys':
      scope.allKeys = false;
      return undefined;
    case 'resetchannels':
      scope.allChannels = false;
      return undefined;
    case 'reset':
      scope.allKeys = false;
      scope.allChannels = false;
      return undefined;
    case 'key':
      // `%RW~*` is the same grant as `~*`; a pattern after it is as pointless.
      if (rule.access === 'RW' && rule.pattern === '*') scope.allKeys = true;
      else if (scope.allKeys) return msg.keyAfterAll(text);
      return undefined;
    case 'channel':
      if (rule.pattern === '*') scope.allChannels = true;
      else if (scope.allChannels) return msg.channelAfterAll(text);
      return undefined;
    default:
      return undefined;
  }
}

function parseOne(
  p: Piece,
  scope: Scope,
  inSelector: boolean,
  errors: AclRuleError[],
): AclRuleToken | undefined {
  if (p.text.endsWith(')') && !MAY_END_IN_PAREN.has(p.text[0] ?? '')) {
    errors.push(errorAt(p, msg.strayClose(p.text)));
    return undefined;
  }
  const result = parseWord(p.text);
  if ('error' in result) {
    errors.push(errorAt(p, result.error));
    return undefined;
  }
  if (inSelector && !SELECTOR_KINDS.has(result.rule.kind)) {
    errors.push(errorAt(p, msg.notInSelector(p.text)));
    return undefined;
  }
  const problem = contextError(result.rule, p.text, scope);
  if (problem !== undefined) {
    errors.push(errorAt(p, problem));
    return undefined;
  }
  return { rule: result.rule, text: p.text, start: p.start, end: p.end };
}

function parseWords(words: Piece[], source: string): ParsedRules {
  const tokens: AclRuleToken[] = [];
  const errors: AclRuleError[] = [];
  const root: Scope = { allKeys: false, allChannels: false };
  for (const unit of groupWords(words, source)) {
    if (unit.type === 'word') {
      const token = parseOne(unit.piece, root, false, errors);
      if (token) tokens.push(token);
      continue;
    }
    if (!unit.closed) errors.push(errorAt(unit.opener, msg.unclosedSelector()));
    for (const n of unit.nested) errors.push(errorAt(n, msg.nestedSelector()));
    const scope: Scope = { allKeys: false, allChannels: false };
    const rules: AclRuleToken[] = [];
    for (const p of unit.inner) {
      const token = parseOne(p, scope, true, errors);
      if (token) rules.push(token);
    }
    if (unit.closed) tokens.push({ rule: { kind: 'selector', rules }, ...unit.piece });
  }
  errors.sort((a, b) => a.start - b.start);
  return { tokens, errors };
}

/** Rules as typed on one line: whitespace separates them, except inside `( ... )`. */
export function parseRules(text: string): ParsedRules {
  return parseWords(wordsOfText(text), text);
}

/** Rules as ACL SETUSER arguments; offsets index `args.join(' ')`. */
export function parseRuleArgs(args: readonly string[]): ParsedRules {
  return parseWords(wordsOfArgs(args), args.join(' '));
}
