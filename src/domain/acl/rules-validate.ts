// What the grammar cannot know: whether THIS server has the command or category. Mirrors
// ACLSetSelector in Redis 7.0: a parent name stands for all its subcommands, `cmd|x` on a
// command without subcommands is a first-argument rule (allowed with + only), and `@all`
// is always valid although ACL CAT does not list it.
import type { AclRuleError, AclRuleToken, CommandUniverse } from './types.js';
import { msg } from './rules-messages.js';
import { redactToken } from './rules-messages.js';
import { closest } from './rules-suggest.js';

interface Names {
  universe: CommandUniverse;
  /** Commands that have subcommands (`config` when `config|get` exists). */
  parents: Set<string>;
  /** Names a plain `+name` may use: leaves without `|` and parents. */
  plain: string[];
}

function namesOf(universe: CommandUniverse): Names {
  const parents = new Set<string>();
  for (const c of universe.commands) {
    const bar = c.indexOf('|');
    if (bar > 0) parents.add(c.slice(0, bar));
  }
  const plain = new Set([...universe.commands].filter((c) => !c.includes('|')));
  for (const p of parents) plain.add(p);
  return { universe, parents, plain: [...plain] };
}

function checkCommand(
  text: string,
  allow: boolean,
  category: boolean,
  name: string,
  n: Names,
): string | undefined {
  const sign = allow ? '+' : '-';
  const suggest = (s: string | undefined, prefix = ''): string | undefined =>
    s === undefined ? undefined : `${sign}${prefix}${s}`;
  if (category) {
    if (name === 'all' || n.universe.categories.has(name)) return undefined;
    return msg.unknownCategory(text, suggest(closest(name, ['all', ...n.universe.categories.keys()]), '@'));
  }
  if (n.universe.commands.has(name)) return undefined;
  const bar = name.indexOf('|');
  if (bar < 0) {
    if (n.parents.has(name)) return undefined;
    return msg.unknownCommand(text, suggest(closest(name, n.plain)));
  }
  const parent = name.slice(0, bar);
  if (n.parents.has(parent)) {
    const subs = [...n.universe.commands]
      .filter((c) => c.startsWith(`${parent}|`))
      .map((c) => c.slice(bar + 1));
    return msg.unknownSubcommand(text, parent, suggest(closest(name.slice(bar + 1), subs), `${parent}|`));
  }
  if (n.universe.commands.has(parent)) return allow ? undefined : msg.removeFirstArg(text, parent);
  const near = closest(parent, n.plain);
  return msg.unknownCommand(text, near === undefined ? undefined : `${sign}${near}${name.slice(bar)}`);
}

export function validateAgainstServer(
  tokens: readonly AclRuleToken[],
  universe: CommandUniverse,
): AclRuleError[] {
  const names = namesOf(universe);
  const errors: AclRuleError[] = [];
  const visit = (list: readonly AclRuleToken[]): void => {
    for (const token of list) {
      const { rule } = token;
      if (rule.kind === 'selector') visit(rule.rules);
      if (rule.kind !== 'command') continue;
      const message = checkCommand(token.text, rule.allow, rule.category, rule.name, names);
      if (message !== undefined) {
        errors.push({ text: redactToken(token.text), start: token.start, end: token.end, message });
      }
    }
  };
  visit(tokens);
  return errors;
}
