// Output written as it is made (a plan of a 10 MB file) reads byte for byte as the whole:
// jsonPieces is printJson's text, JsonStream fields included, in pieces of bounded size.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { planJson } from '../../src/commands/acl-plan.js';
import { JsonStream, jsonPieces, printPieces } from '../../src/commands/output.js';
import { parseAclFile } from '../../src/domain/acl/acl-file.js';
import { planAcl } from '../../src/domain/acl/plan.js';
import { displayJson } from '../../src/domain/display.js';

const whole = (v: unknown) => `${JSON.stringify(displayJson(v), null, 2)}\n`;

/** The same document with its streams as arrays. */
const materialized = (v: unknown): unknown =>
  v instanceof JsonStream
    ? [...v.items].map(materialized)
    : Array.isArray(v)
      ? v.map(materialized)
      : typeof v === 'object' && v !== null && !(v instanceof Uint8Array)
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialized(x)]))
        : v;

// Strings with what toDisplay escapes (controls, bidi, lone surrogates) and JSON escapes.
const text = fc.oneof(
  fc.string(),
  fc.string({
    unit: fc.constantFrom('a', ' ', '\n', '"', '\\', '\u0000', '\u001b', '\u202e', '\udc80', '\u0301'),
  }),
);
const leaf = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(new Uint8Array([0x61, 0x1b, 0xff])),
  fc.constant({ toJSON: () => ({ a: [1, { b: '\u001b' }], c: [] }) }),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(tie('value'), { maxLength: 4 }).map((xs) => new JsonStream(xs)),
    fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  ),
}));

describe('output in pieces', () => {
  it('jsonPieces is printJson, streams read as arrays', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect([...jsonPieces(v)].join('')).toBe(whole(materialized(v)));
      }),
      { numRuns: 500 },
    );
  });

  it('a plan as JSON is written in pieces of bounded size that read as the whole', () => {
    const patterns = Array.from({ length: 20_000 }, (_, i) => `~k:${i}:\u0085*`);
    const file = `user big on >secret ${patterns.join(' ')} +get\nuser b\u202eidi off\n`;
    const plan = planAcl(parseAclFile(file).users, []);
    const state = {
      current: [],
      universe: { categories: new Map(), commands: new Set<string>() },
      pubsubDefault: 'resetchannels' as const,
    };
    const p = { desired: [], state, plan };
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      printPieces(jsonPieces(planJson(p, 'f.acl')));
    } finally {
      spy.mockRestore();
    }
    const expected = whole(materialized(planJson(p, 'f.acl')));
    expect(writes.join('')).toBe(expected);
    expect(expected).not.toContain('secret');
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(128 * 1024);
  });
});
