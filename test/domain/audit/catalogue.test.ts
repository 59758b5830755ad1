// The catalogue as data: stable ids, every check placed at a level with its reason and seed
// section, every area covered, files small; the common-password list with its source.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS, MANUAL } from '../../../src/domain/audit/catalogue.js';
import { CHECKLIST } from '../../../src/domain/audit/checklist.js';
import { parsePasswordList, sha256Hex } from '../../../src/domain/audit/passwords.js';
import { AREAS, LEVELS } from '../../../src/domain/audit/types.js';
import { LIST } from './fixtures.js';

describe('the check catalogue', () => {
  it('has at least 40 checks with unique stable ids, each with a level, a reason and a seed section', () => {
    expect(CHECKS.length).toBeGreaterThanOrEqual(40);
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHECKS) {
      expect(c.id).toMatch(/^(AUTH|NET|CMD|TLS|PER|LIM|SW|REP)-\d{3}$/);
      expect(LEVELS).toContain(c.level);
      expect(c.why.length, c.id).toBeGreaterThan(10);
      expect(c.seed.length, c.id).toBeGreaterThan(3);
      expect(!!c.check !== !!c.checkAll, c.id).toBe(true);
    }
  });

  it('covers every area, and the checklist names only real checks', () => {
    for (const area of AREAS)
      expect(
        CHECKS.some((c) => c.area === area),
        area,
      ).toBe(true);
    const ids = new Set(CHECKS.map((c) => c.id));
    for (const box of CHECKLIST)
      for (const id of box.checks) expect(ids.has(id), `${box.item}: ${id}`).toBe(true);
  });

  it('the TLS checks are High (the maturity table wins over the Staging box)', () => {
    for (const c of CHECKS.filter((x) => x.area === 'tls')) expect(c.level).toBe('high');
  });

  it('manual items have a level and what to check, and are not checks', () => {
    for (const m of MANUAL) {
      expect(LEVELS).toContain(m.level);
      expect(m.how.length).toBeGreaterThan(10);
      expect(CHECKS.some((c) => c.id === m.id)).toBe(false);
    }
  });

  it('every file of src/domain/audit stays under 400 lines and imports nothing outside src/domain', () => {
    const dir = 'src/domain/audit';
    for (const f of readdirSync(dir)) {
      const text = readFileSync(`${dir}/${f}`, 'utf8');
      expect(text.split('\n').length, f).toBeLessThan(400);
      for (const [, spec] of text.matchAll(/from '([^']+)'/g))
        if (spec!.startsWith('.'))
          expect(spec!.startsWith('../../') && !spec!.startsWith('../../../data/'), `${f}: ${spec}`).toBe(
            false,
          );
    }
  });
});

describe('the common-password list', () => {
  it('ships at most ~10k entries with its source; hashes are SHA-256 hex as ACL LIST shows them', () => {
    expect(LIST.count).toBeGreaterThan(9000);
    expect(LIST.count).toBeLessThanOrEqual(10_100);
    expect(LIST.source).toContain('@zxcvbn-ts/language-common');
    expect(readFileSync('data/common-passwords.txt', 'utf8')).toContain('Licence: MIT');
    expect(readFileSync('data/common-passwords.LICENSE', 'utf8')).toContain('Dropbox');
    // `ACL SETUSER u >password` shows `#5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8`.
    expect(sha256Hex('password')).toBe('5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8');
    expect(LIST.hashes.has(sha256Hex('123456'))).toBe(true);
    expect(LIST.hashes.has(sha256Hex('foobared'))).toBe(true);
  });

  it('parses a header up to the first empty line; a password may start with #', () => {
    const list = parsePasswordList('# Source: here\n# Licence: MIT\n\n#hashtag\nabc\r\n');
    expect(list).toMatchObject({ source: 'here', count: 2 });
    expect(list.hashes.has(sha256Hex('#hashtag'))).toBe(true);
    expect(list.hashes.has(sha256Hex('abc'))).toBe(true);
    expect(parsePasswordList('a\nb\n').count).toBe(2);
  });
});
