// A plan of a user with 200,000 key patterns is right, and the work to make it grows with the
// input, not its square. The guard counts elements scanned by array methods (the shape of the
// old quadratic bug: a findIndex / includes per pattern over all the patterns before it)
// rather than timing anything; the times are in bench/acl-plan.mjs and the README.
import { describe, expect, it } from 'vitest';
import { parseAclFile } from '../../../src/domain/acl/acl-file.js';
import { planAcl } from '../../../src/domain/acl/plan.js';
import { userFromListLine } from '../../../src/domain/acl/rules.js';
import type { CommandUniverse } from '../../../src/domain/acl/types.js';

const universe: CommandUniverse = {
  categories: new Map([['read', new Set(['get', 'mget'])]]),
  commands: new Set(['get', 'mget', 'set']),
};

const patterns = (n: number, keep: (i: number) => boolean) =>
  Array.from({ length: n }, (_, i) => i)
    .filter(keep)
    .map((i) => (i % 3 === 0 ? `%R~k:${i}:*` : `~k:${i}:*`));

/** The file wants n patterns; the server has every other one of them and one extra. */
function scenario(n: number) {
  const file = `user big on #${'a'.repeat(64)} ${patterns(n, () => true).join(' ')} &ch:* -@all +@read\n`;
  const listLine = `user big on #${'a'.repeat(64)} ${patterns(n, (i) => i % 2 === 0).join(' ')} ~gone:* resetchannels &ch:* -@all +get +mget`;
  return { file, current: [userFromListLine(listLine)] };
}

describe('acl plan at scale', () => {
  it('200,000 patterns: every one planned, in the file order, and the change told exactly', () => {
    const n = 200_000;
    const { file, current } = scenario(n);
    const parsed = parseAclFile(file);
    expect(parsed.errors).toEqual([]);
    const plan = planAcl(parsed.users, current, { universe });
    expect(plan.create).toEqual([]);
    expect(plan.change).toHaveLength(1);
    const { after, args, changes } = plan.change[0]!;
    expect(after.keys).toEqual(patterns(n, () => true));
    expect(args.slice(0, 3)).toEqual(['reset', 'on', `#${'a'.repeat(64)}`]);
    expect(args).toHaveLength(n + 6);
    // Only the keys differ: the odd patterns are added, ~gone:* is removed.
    expect(changes.map((c) => c.aspect)).toEqual(['keys']);
    const text = changes[0]!.text;
    expect(text.startsWith('keys: + ~k:1:*  + %R~k:3:*  + ~k:5:*')).toBe(true);
    expect(text.endsWith('+ ~k:199999:*  − ~gone:*')).toBe(true);
    expect(text.split('  + ').length).toBe(n / 2);
  });

  it('scans a number of array elements linear in the patterns (not one pass per pattern)', () => {
    const METHODS = [
      'includes',
      'indexOf',
      'findIndex',
      'find',
      'filter',
      'map',
      'some',
      'every',
      'forEach',
    ] as const;
    const scanned = (n: number): number => {
      const { file, current } = scenario(n);
      let count = 0;
      // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as they were
      const saved = METHODS.map((m) => [m, Array.prototype[m]] as const);
      for (const [m, fn] of saved) {
        Object.defineProperty(Array.prototype, m, {
          configurable: true,
          writable: true,
          value: function (this: unknown[], ...args: unknown[]) {
            count += this.length;
            return (fn as (...a: unknown[]) => unknown).apply(this, args);
          },
        });
      }
      try {
        planAcl(parseAclFile(file).users, current, { universe });
      } finally {
        for (const [m, fn] of saved)
          Object.defineProperty(Array.prototype, m, { configurable: true, writable: true, value: fn });
      }
      return count;
    };
    const small = scanned(5_000);
    const large = scanned(20_000);
    // Four times the patterns, about four times the scanning (a quadratic plan makes it 16).
    expect(large / small).toBeLessThan(5);
    expect(large).toBeLessThan(30 * 20_000);
  });
});
