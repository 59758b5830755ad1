// The difference between two states of a user, aspect by aspect, in words an operator
// reads before applying: used by the rule editor's preview and by `acl plan`.
// Passwords are compared by hash and only ever shown as counts.
import { diffEffective, effectiveOfText, listSome } from './effective.js';
import type { AclSelector, AclUser, CommandUniverse } from './types.js';

export type Aspect = 'status' | 'passwords' | 'flags' | 'keys' | 'channels' | 'commands' | 'selectors';

export interface AspectChange {
  aspect: Aspect;
  /** One line: "keys: + ~app:*  − ~*". */
  text: string;
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

// Access as bits (R 1, W 2): a number per pattern, where a Set per pattern cost ~100 bytes each.
const READ = 1;
const WRITE = 2;
const BOTH = READ | WRITE;
// A key kept as written is spelled as normKeys prints it: `~p`, `%R~p` or `%W~p`.
const bitsOf = (v: string | number | undefined): number =>
  typeof v !== 'string' ? (v ?? 0) : v[0] === '~' ? BOTH : v[1] === 'R' ? READ : WRITE;

/**
 * Key patterns as the grant they make: one entry per pattern with its access merged
 * (`%R~a %W~a` is `~a`, `%RW~x` is `~x`), and `~*` alone when read-write `*` is among them,
 * because it already covers every key (Redis can print `~* ~x` after `%RW~*`).
 */
function normKeys(keys: readonly string[]): string[] {
  // Pattern -> the key itself while it is spelled as printed here (as Redis and applyRules
  // print keys), else its access bits: a list that is already so makes no string per key
  // (a user may have 200,000).
  const access = new Map<string, string | number>();
  for (const k of keys) {
    // `%` and the letters R/W, then `~` and the pattern; anything else is read-write `k[1..]`.
    let i = 1;
    let rights = 0;
    for (; k[0] === '%' && (k[i] === 'R' || k[i] === 'W'); i++) rights |= k[i] === 'R' ? READ : WRITE;
    const prefixed = rights !== 0 && k[i] === '~';
    const pattern = prefixed ? k.slice(i + 1) : k.slice(1);
    if (!prefixed) rights = BOTH;
    const had = access.get(pattern);
    const asPrinted = prefixed ? i === 2 : k[0] === '~';
    access.set(pattern, had === undefined ? (asPrinted ? k : rights) : bitsOf(had) | rights);
  }
  if (bitsOf(access.get('*')) === BOTH) return ['~*'];
  const out: string[] = [];
  access.forEach((v, p) =>
    out.push(typeof v === 'string' ? v : v === BOTH ? `~${p}` : `%${v === READ ? 'R' : 'W'}~${p}`),
  );
  return out;
}

// `&*` covers every channel, whatever else is listed.
const normChannels = (channels: readonly string[]): string[] =>
  channels.includes('&*') ? ['&*'] : [...new Set(channels)];

function patternChange(
  aspect: 'keys' | 'channels',
  before: string[],
  after: string[],
): AspectChange | undefined {
  const norm = aspect === 'keys' ? normKeys : normChannels;
  const b = norm(before);
  const a = norm(after);
  const [inA, inB] = [new Set(a), new Set(b)];
  if (inA.size === inB.size && a.every((p) => inB.has(p))) return undefined;
  const added = a.filter((p) => !inB.has(p));
  const removed = b.filter((p) => !inA.has(p));
  // "+ x  + y": joined whole, not a string per pattern first.
  const parts = [
    ...(added.length ? [`+ ${added.join('  + ')}`] : []),
    ...(removed.length ? [`− ${removed.join('  − ')}`] : []),
    ...(a.length === 0 ? [`(none left: no ${aspect === 'keys' ? 'key' : 'channel'} is reachable)`] : []),
  ];
  return { aspect, text: `${aspect}: ${parts.join('  ')}` };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function passwordChange(before: AclUser, after: AclUser): AspectChange | undefined {
  if (before.nopass !== after.nopass) {
    return {
      aspect: 'passwords',
      text: after.nopass
        ? 'passwords: nopass (any password, or none, logs in)'
        : `passwords: nopass removed, ${plural(after.passwords.length, 'password')}`,
    };
  }
  if (sameSet(before.passwords, after.passwords)) return undefined;
  const [had, has] = [new Set(before.passwords), new Set(after.passwords)];
  const added = after.passwords.filter((p) => !had.has(p)).length;
  const removed = before.passwords.filter((p) => !has.has(p)).length;
  const what = [added ? `${added} added` : '', removed ? `${removed} removed` : '']
    .filter(Boolean)
    .join(', ');
  return {
    aspect: 'passwords',
    text: `passwords: ${before.passwords.length} → ${after.passwords.length} (${what})${after.passwords.length === 0 ? ': nobody can log in as this user' : ''}`,
  };
}

function commandChange(
  before: string,
  after: string,
  universe: CommandUniverse | undefined,
): AspectChange | undefined {
  if (!universe) {
    return before.trim() === after.trim()
      ? undefined
      : { aspect: 'commands', text: `commands: ${before} → ${after}` };
  }
  const d = diffEffective(effectiveOfText(before, universe), effectiveOfText(after, universe));
  if (!d.gained.length && !d.lost.length && d.future === undefined) return undefined;
  const parts = [
    d.gained.length ? `gains ${plural(d.gained.length, 'command')} (${listSome(d.gained)})` : '',
    d.lost.length ? `loses ${plural(d.lost.length, 'command')} (${listSome(d.lost)})` : '',
    d.future === true ? 'and every command added to Redis later (+@all)' : '',
    d.future === false ? 'no longer follows +@all for commands added later' : '',
  ].filter(Boolean);
  return { aspect: 'commands', text: `commands: ${parts.join('; ')}` };
}

function selectorKey(s: AclSelector, universe: CommandUniverse | undefined): string {
  const eff = universe ? effectiveOfText(s.commands, universe) : undefined;
  // `future` too: `(+@all)` and `(-@all +@every-category)` differ for commands Redis adds later.
  const cmds = eff ? `${eff.future ? '+@all ' : ''}${[...eff.allowed].sort().join(',')}` : s.commands;
  return [normKeys(s.keys).sort().join(' '), normChannels(s.channels).sort().join(' '), cmds].join('|');
}

/** Every aspect that differs; empty when the two are the same user as far as Redis is concerned. */
export function diffUsers(before: AclUser, after: AclUser, universe?: CommandUniverse): AspectChange[] {
  const out: (AspectChange | undefined)[] = [];
  if (before.enabled !== after.enabled)
    out.push({
      aspect: 'status',
      text: `status: ${before.enabled ? 'on' : 'off'} → ${after.enabled ? 'on' : 'off'}`,
    });
  out.push(passwordChange(before, after));
  // sanitize-payload is what no flag means: only skip-sanitize-payload changes RESTORE, and
  // Redis 7.0 sets it on `reset` but not on a new or file-loaded user.
  const extra = (u: AclUser) =>
    u.flags.filter((f) => !['on', 'off', 'nopass', 'sanitize-payload'].includes(f));
  if (!sameSet(extra(before), extra(after)))
    out.push({
      aspect: 'flags',
      text: `flags: ${extra(before).join(' ') || '(none)'} → ${extra(after).join(' ') || '(none)'}`,
    });
  out.push(patternChange('keys', before.keys, after.keys));
  out.push(patternChange('channels', before.channels, after.channels));
  out.push(commandChange(before.commands, after.commands, universe));
  const sb = before.selectors.map((s) => selectorKey(s, universe)).sort();
  const sa = after.selectors.map((s) => selectorKey(s, universe)).sort();
  if (sb.join('\n') !== sa.join('\n'))
    out.push({
      aspect: 'selectors',
      text: `selectors: ${before.selectors.length} → ${after.selectors.length} (changed)`,
    });
  return out.filter((c): c is AspectChange => c !== undefined);
}
