// ACL LIST lines to AclUser and back. The line is read as Redis 7.0 prints it (one space
// between words, selectors merged as ACLMergeSelectorArguments does), word by word and
// without the allkeys context check: Redis can hold `%RW~*` followed by `~x` and prints
// that as `~* ~x`, a line it would refuse to load back.
import type { AclSelector, AclUser } from './types.js';
import { redactToken } from './rules-messages.js';
import { groupWords, wordsOfArgs } from './rules-scan.js';
import type { Piece } from './rules-scan.js';
import { ruleToText, selectorWord } from './rules-text.js';
import { parseWord } from './rules-token.js';

interface Scope {
  keys: string[];
  channels: string[];
  commands: string[];
}

const ROOT_FLAGS = new Set(['on', 'off', 'nopass', 'sanitize-payload', 'skip-sanitize-payload']);

function fail(name: string, why: string): never {
  // Raw: whoever shows an error escapes it once (cli.ts, the status line).
  throw new Error(`cannot read the ACL LIST line of user "${name}": ${why}`);
}

// Returns false for rules only the root may hold, so the caller decides what they mean.
function applyScoped(p: Piece, scope: Scope, name: string): boolean {
  const result = parseWord(p.text);
  if ('error' in result) fail(name, result.error);
  const { rule } = result;
  switch (rule.kind) {
    case 'key':
      scope.keys.push(ruleToText(rule));
      return true;
    case 'channel':
      scope.channels.push(ruleToText(rule));
      return true;
    case 'command':
      scope.commands.push(ruleToText(rule));
      return true;
    case 'allkeys':
      scope.keys = ['~*'];
      return true;
    case 'allchannels':
      scope.channels = ['&*'];
      return true;
    case 'resetkeys':
      scope.keys = [];
      return true;
    case 'resetchannels':
      scope.channels = [];
      return true;
    case 'allcommands':
    case 'nocommands':
      scope.commands.push(ruleToText(rule));
      return true;
    default:
      return false;
  }
}

export function userFromListLine(line: string): AclUser {
  const words = line.replace(/\r?\n$/, '').split(' ');
  const name = words[1] ?? '';
  if (words[0] !== 'user' || name === '') {
    const shownLine = words.map(redactToken).join(' ').slice(0, 60);
    throw new Error(`not an ACL LIST line (expected "user NAME rules..."): "${shownLine}"`);
  }
  const rest = words.slice(2);
  const root: Scope = { keys: [], channels: [], commands: [] };
  const user: AclUser = {
    name,
    enabled: false,
    nopass: false,
    flags: [],
    passwords: [],
    keys: [],
    channels: [],
    commands: '',
    selectors: [],
  };
  for (const unit of groupWords(wordsOfArgs(rest), rest.join(' '), { listOutput: true })) {
    if (unit.type === 'selector') {
      if (!unit.closed || unit.nested.length > 0) fail(name, `unbalanced selector "${unit.piece.text}"`);
      const scope: Scope = { keys: [], channels: [], commands: [] };
      for (const p of unit.inner) {
        if (!applyScoped(p, scope, name)) fail(name, `"${redactToken(p.text)}" inside a selector`);
      }
      user.selectors.push({ ...scope, commands: scope.commands.join(' ') });
      continue;
    }
    const p = unit.piece;
    if (applyScoped(p, root, name)) continue;
    const result = parseWord(p.text);
    const rule = 'rule' in result ? result.rule : undefined;
    if (rule?.kind === 'hash' && rule.op === 'add') user.passwords.push(rule.hash);
    else if (rule !== undefined && ROOT_FLAGS.has(rule.kind)) {
      if (rule.kind === 'on' || rule.kind === 'off') user.enabled = rule.kind === 'on';
      if (rule.kind === 'nopass') user.nopass = true;
      if (!user.flags.includes(rule.kind)) user.flags.push(rule.kind);
    } else fail(name, `unexpected rule "${redactToken(p.text)}" in ACL LIST output`);
  }
  return { ...user, keys: root.keys, channels: root.channels, commands: root.commands.join(' ') };
}

// Redis can hold the RW pattern `*` next to other patterns (`%RW~*` then `~x`) and prints
// it as `~* ~x`, which neither Redis's loader nor this grammar accepts back. `*` read-write
// already grants every key, so the others add nothing: `~*` alone is the same grant.
const keyArgs = (keys: readonly string[]): string[] => (keys.includes('~*') ? ['~*'] : [...keys]);

const commandArgs = (commands: string): string[] => commands.split(' ').filter((c) => c !== '');

function selectorArg(s: AclSelector): string {
  const words = [...keyArgs(s.keys), 'resetchannels', ...s.channels, ...commandArgs(s.commands)];
  return `(${words.map(selectorWord).join(' ')})`;
}

/** The SETUSER / ACL-file rules that recreate the user (on a user that starts empty). */
export function userToRules(user: AclUser): string[] {
  const other = user.flags.filter((f) => f !== 'on' && f !== 'off' && f !== 'nopass');
  return [
    user.enabled ? 'on' : 'off',
    ...(user.nopass ? ['nopass'] : user.passwords.map((h) => `#${h}`)),
    ...other,
    'resetkeys',
    ...keyArgs(user.keys),
    'resetchannels',
    ...user.channels,
    ...commandArgs(user.commands),
    ...user.selectors.map(selectorArg),
  ];
}
