// The ACL SETUSER grammar with the context Redis checks: what a selector may hold, and no
// pattern after `allkeys`/`~*` (or `allchannels`/`&*`) without a reset in between. Errors are
// what redis-server refuses, case for case; what it accepts but is most likely a mistake is a
// warning. Tokens hold only accepted rules, so rulesToArgs(tokens) never sends a bad one.
import type { AclRule, AclRuleError, AclRuleToken, ParsedRules } from './types.js';
import { msg, redactToken } from './rules-messages.js';
import { groupWords, wordsOfArgs, wordsOfText } from './rules-scan.js';
import type { Piece, ScanOptions } from './rules-scan.js';
import { parseWord } from './rules-token.js';
import { contextError, emptyScope } from './rules-context.js';
import type { Scope } from './rules-context.js';

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

// Pattern rules may legitimately end in `)` (`~fn(x)`), and so may the first argument of
// `+select|x)`; no command or category name does, so others count as a stray close.
const MAY_END_IN_PAREN = new Set(['~', '%', '&', '>', '<']);
const mayEndInParen = (text: string): boolean =>
  MAY_END_IN_PAREN.has(text[0] ?? '') || (text[0] === '+' && text.includes('|'));

const errorAt = (p: Piece, message: string): AclRuleError => ({
  text: redactToken(p.text),
  start: p.start,
  end: p.end,
  message,
});

interface Found {
  errors: AclRuleError[];
  warnings: AclRuleError[];
  refusedSince72: AclRuleError[];
}

function parseOne(p: Piece, scope: Scope, inSelector: boolean, found: Found): AclRuleToken | undefined {
  const { errors } = found;
  if (p.text.includes('\0')) {
    errors.push(errorAt(p, msg.nulByte(p.text)));
    return undefined;
  }
  if (p.text.endsWith(')') && !mayEndInParen(p.text)) {
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
  if (result.warning !== undefined) found.warnings.push(errorAt(p, result.warning));
  return { rule: result.rule, text: p.text, start: p.start, end: p.end };
}

function parseWords(words: Iterable<Piece>, source: string, opts: ScanOptions = {}): ParsedRules {
  const tokens: AclRuleToken[] = [];
  const found: Found = { errors: [], warnings: [], refusedSince72: [] };
  const root = emptyScope();
  for (const unit of groupWords(words, source, opts)) {
    if (unit.type === 'word') {
      const token = parseOne(unit.piece, root, false, found);
      if (token) tokens.push(token);
      continue;
    }
    if (!unit.closed) found.errors.push(errorAt(unit.opener, msg.unclosedSelector()));
    if (unit.dropped) {
      const dropped = errorAt(unit.dropped, msg.droppedSelector(unit.dropped.text));
      found.warnings.push(dropped);
      found.refusedSince72.push(dropped);
    }
    if (unit.badQuotes) found.warnings.push(errorAt(unit.piece, msg.badQuotes(unit.piece.text)));
    for (const n of unit.nested) found.errors.push(errorAt(n, msg.nestedSelector()));
    const scope = emptyScope();
    const rules: AclRuleToken[] = [];
    for (const p of unit.inner) {
      const token = parseOne(p, scope, true, found);
      if (token) rules.push(token);
    }
    if (unit.closed) tokens.push({ rule: { kind: 'selector', rules }, ...unit.piece });
  }
  const byStart = (a: AclRuleError, b: AclRuleError) => a.start - b.start;
  return {
    tokens,
    errors: found.errors.sort(byStart),
    warnings: found.warnings.sort(byStart),
    refusedSince72: found.refusedSince72,
  };
}

/** Rules as typed on one line: whitespace separates them, except inside `( ... )`. */
export function parseRules(text: string): ParsedRules {
  // Each word is its own SETUSER argument and Redis joins a selector's words with one space;
  // \v and \f split words here (isspace) but not inside a selector (sdssplitargs), so they
  // are read as the space they stand for. One character for one: columns stay right.
  const spaced = text.replace(/[\v\f]/g, ' ');
  return parseWords(wordsOfText(spaced), spaced);
}

/**
 * Rules as ACL SETUSER arguments; offsets index `args.join(' ')`. `trimEach` reads them as
 * ACL LOAD reads a file line's words (each merged argument trimmed of "\t\r\n").
 */
export function parseRuleArgs(
  args: readonly string[],
  opts: Pick<ScanOptions, 'trimEach'> = {},
): ParsedRules {
  return parseWords(wordsOfArgs(args), args.join(' '), opts);
}
