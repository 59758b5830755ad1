// The Clients pane's `/` filter and `clients --filter`: whitespace-separated terms that must
// all match. `field OP value` compares one field (names as CLIENT LIST prints them, see
// fields.ts); anything else is free text searched in the identifying fields. Compiled once
// per edit, then run on every client at every keystroke and refresh (10,000 of them), so the
// per-client work is a few comparisons.
//
// Server strings are matched both as they are and as toDisplay() shows them: the operator
// types what the screen shows (`\x1b[`, `\xff`), and a plain ASCII name is the same either way.
import { toDisplay } from '../display.js';
import { hostOf, inNetworks, isCidr, parseNetworks } from './cidr.js';
import { CLIENT_FIELDS, compareNumeric, fieldByName, isNumericKind } from './fields.js';
import type { ClientField } from './fields.js';
import type { ClientInfo } from './types.js';

export type ClientTest = (c: ClientInfo) => boolean;
export type ClientFilter =
  | { ok: true; test: ClientTest; terms: number }
  | { ok: false; error: string; /** Char offset of the bad term in the text. */ at: number };

type Op = '=' | '!=' | '>' | '<' | '>=' | '<=';

// Longest operator first; a field name is letters, digits and dashes.
const TERM = /^([A-Za-z0-9-]+)(>=|<=|!=|=|>|<)(.*)$/s;
const NETWORK_FIELDS = new Set(['addr', 'host']);
// An address with a prefix length, valid or not (a unix socket path starts with `/`).
const CIDR_LIKE = /^[0-9a-f:.]*[.:][0-9a-f:.]*\/[^*?]*$/i;
const DURATION_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2 };
BYTE_UNITS.g = BYTE_UNITS.gb = 1024 ** 3;

/** Field names and aliases the filter accepts, for help text and errors. */
export const FILTER_FIELDS: readonly string[] = CLIENT_FIELDS.flatMap((f) => [f.name, ...(f.aliases ?? [])]);

class TermError extends Error {}

// Free text: a case-insensitive search of each identifying field, raw and as shown. Nothing
// is cached per client: rows are new objects at every refresh. What toDisplay() shows as it is
// (printable ASCII but the backslash, its own fast path) is not escaped a second time.
const SHOWN_AS_IS = /^[\x20-\x5b\x5d-\x7e]*$/;

function freeText(term: string): ClientTest {
  return textTest(new RegExp(term.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'), 'i'));
}

/**
 * `/a|b/`: a regular expression over the same fields, for "any of these" (the Incident pane's
 * suspects: their users and addresses). A space in it is written `\x20`: terms split on spaces.
 */
function regexTerm(term: string): ClientTest {
  try {
    return textTest(new RegExp(term.slice(1, -1), 'i'));
  } catch (err) {
    throw new TermError(`not a regular expression: ${term} (${(err as Error).message})`);
  }
}

function textTest(re: RegExp): ClientTest {
  const hit = (raw: string): boolean => re.test(raw) || (!SHOWN_AS_IS.test(raw) && re.test(toDisplay(raw)));
  // prettier-ignore
  return (c) => hit(c.id) || hit(c.node) || hit(c.addr) || hit(c.laddr) || hit(c.name) || hit(c.user) ||
    hit(c.cmd) || hit(c.libName);
}

const matchesAnyForm = (raw: string, test: (s: string) => boolean): boolean => {
  if (test(raw)) return true;
  const shown = toDisplay(raw);
  return shown !== raw && test(shown);
};

function globTest(pattern: string): (s: string) => boolean {
  if (!/[*?]/.test(pattern)) {
    const want = pattern.toLowerCase();
    return (s) => s.toLowerCase() === want;
  }
  const body = [...pattern]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+(){}[\]]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${body}$`, 'isu');
  return (s) => re.test(s);
}

function number(field: ClientField, value: string): number | string {
  const what = `${field.name}: "${value}" is not`;
  if (field.name === 'id') {
    if (!/^\d+$/.test(value)) throw new TermError(`${what} a client id (a whole number)`);
    return value;
  }
  const m =
    field.kind === 'duration'
      ? /^(\d+(?:\.\d+)?)([smhd]?)$/i.exec(value)
      : field.kind === 'bytes'
        ? /^(\d+(?:\.\d+)?)(b|kb?|mb?|gb?)?$/i.exec(value)
        : /^(-?\d+(?:\.\d+)?)()$/.exec(value);
  if (!m) {
    if (field.kind === 'duration') throw new TermError(`${what} a duration (90, 90s, 10m, 2h, 1d)`);
    if (field.kind === 'bytes') throw new TermError(`${what} a size (1024, 64k, 10mb, 1g)`);
    throw new TermError(`${what} a number`);
  }
  const units = field.kind === 'duration' ? DURATION_UNITS : BYTE_UNITS;
  return Number(m[1]) * units[(m[2] ?? '').toLowerCase()]!;
}

const OUTCOME: Record<Op, (cmp: number) => boolean> = {
  '=': (c) => c === 0,
  '!=': (c) => c !== 0,
  '>': (c) => c > 0,
  '<': (c) => c < 0,
  '>=': (c) => c >= 0,
  '<=': (c) => c <= 0,
};

function compileField(field: ClientField, op: Op, value: string): ClientTest {
  const get = field.get;
  if (isNumericKind(field.kind)) {
    if (value === '') throw new TermError(`${field.name}${op} needs a value`);
    const want = number(field, value);
    const outcome = OUTCOME[op];
    return (c) => outcome(compareNumeric(get(c), want));
  }
  if (op !== '=' && op !== '!=')
    throw new TermError(`${op} compares numbers; ${field.name} is text: use = or != (with * and ?)`);
  const negate = op === '!=';
  if (field.kind === 'flags') {
    if (value === '') throw new TermError(`${field.name}${op} needs flag letters (flags=x, flags!=M)`);
    const letters = [...new Set(value)];
    return negate
      ? (c) => letters.every((l) => !c.flags.includes(l))
      : (c) => letters.every((l) => c.flags.includes(l));
  }
  if (NETWORK_FIELDS.has(field.name) && CIDR_LIKE.test(value) && !isCidr(value))
    throw new TermError(`${field.name}: "${value}" is not a valid network (10.0.0.0/8, fd00::/8)`);
  if (NETWORK_FIELDS.has(field.name) && isCidr(value)) {
    const nets = parseNetworks([value]);
    return (c) => (inNetworks(hostOf(c.addr), nets) === true) !== negate;
  }
  const test = globTest(value);
  return (c) => matchesAnyForm(String(get(c)), test) !== negate;
}

function compileTerm(term: string): ClientTest {
  if (term.length > 2 && term.startsWith('/') && term.endsWith('/')) return regexTerm(term);
  const m = TERM.exec(term);
  if (!m) return freeText(term);
  const [, name, op, value] = m as unknown as [string, string, Op, string];
  const field = fieldByName(name);
  if (!field) throw new TermError(`unknown field "${name}" (fields: ${FILTER_FIELDS.join(', ')})`);
  return compileField(field, op, value);
}

/** Compiles a filter; an empty one matches every client. */
export function parseClientFilter(text: string): ClientFilter {
  const tests: ClientTest[] = [];
  for (const m of text.matchAll(/\S+/g)) {
    try {
      tests.push(compileTerm(m[0]));
    } catch (err) {
      if (!(err instanceof TermError)) throw err;
      return { ok: false, error: err.message, at: m.index };
    }
  }
  if (tests.length === 0) return { ok: true, test: () => true, terms: 0 };
  if (tests.length === 1) return { ok: true, test: tests[0]!, terms: 1 };
  return { ok: true, test: (c) => tests.every((t) => t(c)), terms: tests.length };
}
