// What a user may actually run, computed from command rules and the server's categories.
// Rule strings are not comparable: Redis 7.0 rewrites `+@read -@dangerous` as
// `-@all +@read -keys -sort_ro`, 7.2 keeps what was typed. The set of commands they allow
// is comparable, so plans, diffs and risk flags all work on that.
import { parseRules } from './rules.js';
import type { AclRule, CommandUniverse, EffectiveCommands } from './types.js';

type CommandRule = Extract<AclRule, { kind: 'command' }>;

/** `select|0`: a first-argument rule, not a subcommand the server lists. */
const isFirstArg = (entry: string, universe: CommandUniverse) =>
  entry.includes('|') && !universe.commands.has(entry);

// Per universe, the leaves under each name (`client` -> client|list, client|kill, ...):
// built once, so a user's hundred rules do not each scan every command.
const leavesCache = new WeakMap<CommandUniverse, Map<string, string[]>>();
function leavesUnder(universe: CommandUniverse, name: string): readonly string[] {
  let index = leavesCache.get(universe);
  if (!index) {
    index = new Map();
    for (const leaf of universe.commands) {
      const bar = leaf.indexOf('|');
      for (const key of bar === -1 ? [leaf] : [leaf, leaf.slice(0, bar)]) {
        const list = index.get(key) ?? [];
        list.push(leaf);
        index.set(key, list);
      }
    }
    leavesCache.set(universe, index);
  }
  return index.get(name) ?? [];
}

/** Applies command rules in order, as Redis does, starting from `-@all`. */
export function effectiveOf(rules: readonly AclRule[], universe: CommandUniverse): EffectiveCommands {
  let future = false;
  const allowed = new Set<string>();
  // First-argument entries (`select|0`), kept apart so each rule need not scan `allowed`.
  const firstArgs = new Set<string>();
  const setAll = (on: boolean) => {
    future = on;
    allowed.clear();
    firstArgs.clear();
    if (on) for (const c of universe.commands) allowed.add(c);
  };
  for (const rule of rules) {
    if (rule.kind === 'allcommands') setAll(true);
    else if (rule.kind === 'nocommands' || rule.kind === 'reset') setAll(false);
    else if (rule.kind === 'command') {
      if (rule.category && rule.name === 'all') setAll(rule.allow);
      else applyCommandRule(rule, allowed, firstArgs, universe);
    }
  }
  // A first argument of a command that is allowed outright changes nothing, and Redis does
  // not print it (`+select +select|0` reads back as `+select`): drop it so the two compare equal.
  for (const entry of firstArgs) if (allowed.has(entry.slice(0, entry.indexOf('|')))) allowed.delete(entry);
  return { future, allowed };
}

function applyCommandRule(
  rule: CommandRule,
  allowed: Set<string>,
  firstArgs: Set<string>,
  universe: CommandUniverse,
): void {
  const { allow, category, name } = rule;
  // `+select|0` names a first argument Redis does not list as a leaf: it is its own entry,
  // and it never touches the command itself.
  if (!category && isFirstArg(name, universe)) {
    if (allow) {
      allowed.add(name);
      firstArgs.add(name);
    } else {
      allowed.delete(name);
      firstArgs.delete(name);
    }
    return;
  }
  const touched = category
    ? (universe.categories.get(name) ?? new Set<string>())
    : leavesUnder(universe, name);
  // Redis (ACLChangeSelectorPerm) forgets a command's first arguments whenever a rule, or a
  // category, allows or blocks the command: `+select|0 -@connection` leaves nothing.
  if (firstArgs.size) {
    const hit = touched instanceof Set ? touched : new Set(touched);
    for (const entry of firstArgs) {
      if (hit.has(entry.slice(0, entry.indexOf('|')))) {
        allowed.delete(entry);
        firstArgs.delete(entry);
      }
    }
  }
  for (const leaf of touched) {
    if (allow) allowed.add(leaf);
    else allowed.delete(leaf);
  }
}

// Users made from the same template share their rule text: compute each text once per
// universe. The sets returned are shared: callers read them, never change them.
const textCache = new WeakMap<CommandUniverse, Map<string, EffectiveCommands>>();

/** The effective commands of a rule string as the server prints it (`-@all +@read -keys`). */
export function effectiveOfText(commands: string, universe: CommandUniverse): EffectiveCommands {
  let cache = textCache.get(universe);
  if (!cache) {
    cache = new Map<string, EffectiveCommands>();
    textCache.set(universe, cache);
  }
  let e = cache.get(commands);
  if (!e) {
    e = effectiveOf(
      parseRules(commands).tokens.map((t) => t.rule),
      universe,
    );
    if (cache.size > 10_000) cache.clear();
    cache.set(commands, e);
  }
  return e;
}

export interface CommandsDiff {
  gained: string[];
  lost: string[];
  /** `+@all` switched on (true) or off (false): commands added to Redis later follow it. */
  future?: boolean;
}

export function diffEffective(before: EffectiveCommands, after: EffectiveCommands): CommandsDiff {
  const gained = [...after.allowed].filter((c) => !before.allowed.has(c)).sort();
  const lost = [...before.allowed].filter((c) => !after.allowed.has(c)).sort();
  return before.future === after.future ? { gained, lost } : { gained, lost, future: after.future };
}

export const sameEffective = (a: EffectiveCommands, b: EffectiveCommands): boolean => {
  const d = diffEffective(a, b);
  return d.gained.length === 0 && d.lost.length === 0 && d.future === undefined;
};

/** Commands of a set that fall in a category, for "can run 3 @dangerous commands". */
export function inCategory(
  commands: Iterable<string>,
  category: string,
  universe: CommandUniverse,
): string[] {
  const members = universe.categories.get(category);
  if (!members) return [];
  return [...commands].filter((c) => members.has(c)).sort();
}

/** "set, del, expire and 9 more". */
export function listSome(names: readonly string[], max = 4): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** Per category: how many of its commands are allowed, for the permissions explorer. */
export function byCategory(
  effective: EffectiveCommands,
  universe: CommandUniverse,
): { category: string; allowed: string[]; denied: string[] }[] {
  return [...universe.categories.keys()].sort().map((category) => {
    const members = [...(universe.categories.get(category) ?? [])].sort();
    return {
      category,
      allowed: members.filter((c) => effective.allowed.has(c)),
      denied: members.filter((c) => !effective.allowed.has(c)),
    };
  });
}
