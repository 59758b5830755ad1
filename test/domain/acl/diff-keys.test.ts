// The keys line of a diff is told as the grant changes, whatever the spelling: checked against
// the plain reading of it (a Set of access letters per pattern, strings made for each), which
// the diff no longer builds for a user's 200,000 patterns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffUsers } from '../../../src/domain/acl/diff.js';
import { user } from './acl-fixtures.js';

function plainNorm(keys: readonly string[]): string[] {
  const access = new Map<string, Set<string>>();
  for (const k of keys) {
    const m = /^%([RW]+)~(.*)$/s.exec(k);
    const [rights, pattern] = m ? [m[1]!, m[2]!] : ['RW', k.slice(1)];
    const set = access.get(pattern) ?? new Set<string>();
    for (const c of rights) set.add(c);
    access.set(pattern, set);
  }
  if (access.get('*')?.size === 2) return ['~*'];
  return [...access].map(([p, set]) => (set.size === 2 ? `~${p}` : `%${[...set][0]}~${p}`));
}

function plainKeysText(before: string[], after: string[]): string | undefined {
  const [b, a] = [plainNorm(before), plainNorm(after)];
  const [inA, inB] = [new Set(a), new Set(b)];
  if (inA.size === inB.size && [...inA].every((v) => inB.has(v))) return undefined;
  const parts = [
    ...a.filter((p) => !inB.has(p)).map((p) => `+ ${p}`),
    ...b.filter((p) => !inA.has(p)).map((p) => `− ${p}`),
    ...(a.length === 0 ? ['(none left: no key is reachable)'] : []),
  ];
  return `keys: ${parts.join('  ')}`;
}

const key = fc
  .tuple(
    fc.constantFrom('~', '%R~', '%W~', '%RW~', '%WR~', '%RR~', '%WW~', '%~', '%R', '%X~', '', '%RX~'),
    fc.constantFrom('*', 'a', 'b:*', 'c'),
  )
  .map(([access, pattern]) => `${access}${pattern}`);

describe('diff of keys', () => {
  it('says what the plain reading says, for any spelling of the same patterns', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 8 }), fc.array(key, { maxLength: 8 }), (before, after) => {
        const change = diffUsers(user({ keys: before }), user({ keys: after })).find(
          (c) => c.aspect === 'keys',
        );
        expect(change?.text).toBe(plainKeysText(before, after));
      }),
      { numRuns: 2000 },
    );
  });
});
