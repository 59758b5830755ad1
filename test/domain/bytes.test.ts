// Names are bytes: the surrogate-escape codec and every ACL reply and file that carries
// names, decoded and encoded again, give back the exact bytes (fast-check, arbitrary bytes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aclFileBytes, aclFileText, formatAclFile, parseAclFile } from '../../src/domain/acl/acl-file.js';
import { userFromListLine } from '../../src/domain/acl/rules.js';
import { decodeServerBytes, hasRawBytes, rawBytes } from '../../src/domain/bytes.js';
import { fromDisplay, toDisplay } from '../../src/domain/display.js';
import { parseClientUsers, parseGetUser } from '../../src/redis/parse/acl.js';

const bytes = fc.uint8Array({ maxLength: 40 });
// Mostly bytes that are not UTF-8 alone (0x80-0xff), some ASCII and some valid sequences.
const nameByte = fc.oneof(
  fc.integer({ min: 0x80, max: 0xff }),
  fc.integer({ min: 0x21, max: 0x7e }),
  fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xed, 0xa0, 0xf0, 0x9f),
);
// What Redis accepts in a user name and an ACL file word: no whitespace, no NUL.
const name = fc
  .array(nameByte, { minLength: 1, maxLength: 12 })
  .map((a) => Buffer.from(a))
  .filter((b) => !b.includes(0x20) && b[0] !== 0x28); // `(` would start a selector
const pattern = fc.array(nameByte, { minLength: 1, maxLength: 12 }).map((a) => Buffer.from(a));
const cat = (...parts: (string | Buffer)[]) => Buffer.concat(parts.map((p) => Buffer.from(p)));

describe('the codec', () => {
  it('decode then encode gives back every byte', () => {
    fc.assert(fc.property(bytes, (b) => rawBytes(decodeServerBytes(b)).equals(Buffer.from(b))));
  });

  it('valid UTF-8 decodes as UTF-8; anything else carries raw bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        let valid: string | undefined;
        try {
          valid = new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          valid = undefined;
        }
        const s = decodeServerBytes(b);
        return valid === undefined ? hasRawBytes(s) : s === valid && !hasRawBytes(s);
      }),
    );
  });

  it('two byte strings that differ decode to strings that differ, and show differently', () => {
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        fc.pre(!Buffer.from(a).equals(Buffer.from(b)));
        const [x, y] = [decodeServerBytes(a), decodeServerBytes(b)];
        return x !== y && toDisplay(x) !== toDisplay(y);
      }),
    );
  });

  it('the name shown on screen, typed back (fromDisplay), is the same bytes', () => {
    fc.assert(
      fc.property(bytes, (b) =>
        rawBytes(fromDisplay(toDisplay(decodeServerBytes(b)))).equals(Buffer.from(b)),
      ),
    );
  });

  it('u\\xffbad is not u + EF BF BD + bad', () => {
    const real = decodeServerBytes(Buffer.from([0x75, 0xff, 0x62, 0x61, 0x64]));
    const lossy = decodeServerBytes(Buffer.from('u\ufffdbad'));
    expect(real).not.toBe(lossy);
    expect(toDisplay(real)).toBe('u\\xffbad');
    expect(toDisplay(lossy)).toBe('u\\ufffdbad');
  });
});

describe('ACL replies and files keep every byte', () => {
  it('ACL GETUSER (as Buffers): the name, key patterns and channels come back as sent', () => {
    fc.assert(
      fc.property(name, pattern, pattern, (n, k, c) => {
        const reply = [
          ['flags', ['on', 'nopass']],
          ['passwords', []],
          ['commands', '+@all'],
          ['keys', cat('~', k)],
          ['channels', cat('&', c)],
          ['selectors', []],
        ].flatMap(([f, v]) => [Buffer.from(f as string), toBuffers(v)]);
        const user = parseGetUser(decodeServerBytes(n), reply)!;
        return (
          rawBytes(user.name).equals(n) &&
          rawBytes(user.keys[0]!).equals(cat('~', k)) &&
          rawBytes(user.channels[0]!).equals(cat('&', c))
        );
      }),
    );
  });

  it('ACL LIST line -> user -> ACL file bytes -> parsed again: the same name and patterns', () => {
    fc.assert(
      fc.property(name, pattern, (n, k) => {
        fc.pre(!k.includes(0x20) && !k.includes(0x0a) && !k.includes(0x0d));
        const line = cat('user ', n, ' on nopass ~', k, ' resetchannels -@all');
        const user = userFromListLine(decodeServerBytes(line));
        const file = aclFileBytes(formatAclFile([user]));
        expect(file.includes(n)).toBe(true);
        const parsed = parseAclFile(aclFileText(file));
        expect(parsed.errors).toEqual([]);
        expect(rawBytes(parsed.users[0]!.name)).toEqual(n);
        expect(parsed.users[0]!.tokens.map((t) => t.text)).toContain(decodeServerBytes(cat('~', k)));
      }),
    );
  });

  it('CLIENT LIST user= fields keep their bytes: two users that differ in one byte count apart', () => {
    const list = cat(
      'id=1 addr=127.0.0.1:1 user=u',
      Buffer.of(0xff),
      'bad cmd=get\nid=2 addr=127.0.0.1:2 user=u',
      Buffer.of(0xfe),
      'bad cmd=get\nid=3 addr=127.0.0.1:3 user=u',
      Buffer.of(0xff),
      'bad cmd=get\n',
    );
    const counts = parseClientUsers(decodeServerBytes(list));
    expect([...counts].map(([u, n]) => [toDisplay(u), n])).toEqual([
      ['u\\xffbad', 2],
      ['u\\xfebad', 1],
    ]);
  });
});

function toBuffers(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toBuffers);
  return typeof v === 'string' ? Buffer.from(v) : v;
}
