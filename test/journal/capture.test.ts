import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureFiles, capturePath, captureWriter, removeCapture } from '../../src/journal/capture.js';
import { safePathSegment } from '../../src/journal/safe-name.js';
import { modeOf, useTempXdg } from '../profiles/helpers.js';

describe('safePathSegment', () => {
  it('keeps plain names readable and escapes the rest', () => {
    expect(safePathSegment('prod-1')).toBe('prod-1');
    expect(safePathSegment('10.0.0.1:6379')).toBe('10.0.0.1%3A6379');
    expect(safePathSegment('..')).toBe('%2E.');
    expect(safePathSegment('../../etc/passwd')).toBe('%2E.%2F..%2Fetc%2Fpasswd');
    expect(safePathSegment('')).toBe('%');
    expect(safePathSegment('a\u001b[31m')).toBe('a%1B%5B31m');
  });

  const anyName = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.constantFrom('.', '..', '/', '\\', '', '\u0000', '.hidden', 'a/../../b'),
  );

  it('is one harmless segment for any input', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const seg = safePathSegment(name);
        expect(seg).not.toMatch(/[/\\\u0000]/);
        expect(seg.startsWith('.')).toBe(false);
        expect(seg.length).toBeGreaterThan(0);
        expect(seg.length).toBeLessThanOrEqual(180);
        expect(seg).toMatch(/^[A-Za-z0-9_.%~-]+$/);
      }),
    );
  });

  it('is injective: two different names never share a file', () => {
    fc.assert(
      fc.property(anyName, anyName, (a, b) => {
        if (a !== b) expect(safePathSegment(a)).not.toBe(safePathSegment(b));
      }),
    );
  });
});

describe('captureWriter', () => {
  const xdg = useTempXdg();
  const root = (): string => path.join(xdg.current().state, 'redis-warden', 'captures');

  it('writes redacted JSONL under captures/<profile>/<node>.jsonl, 0600 in 0700 dirs', () => {
    const writer = captureWriter('prod', '10.0.0.1:6379', { secrets: ['s3cr3t-known'] });
    expect(writer.path).toBe(path.join(root(), 'prod', '10.0.0.1%3A6379.jsonl'));
    writer.append({ reason: 'auth', username: 'eve', object: 'AUTH', note: 's3cr3t-known' });
    writer.appendMany([{ n: 1 }, { n: 2 }]);
    const lines = fs.readFileSync(writer.path, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { reason: 'auth', username: 'eve', object: 'AUTH', note: '‹redacted›' },
      { n: 1 },
      { n: 2 },
    ]);
    expect(modeOf(writer.path)).toBe(0o600);
    expect(modeOf(path.dirname(writer.path))).toBe(0o700);
    expect(modeOf(root())).toBe(0o700);
  });

  it('removeCapture takes a node’s events, tail state and lock, and keeps other nodes’ captures', () => {
    const files = captureFiles('demo', 'unix:/tmp/x/redis.sock');
    for (const node of ['unix:/tmp/x/redis.sock', '10.0.0.1:6379'])
      captureWriter('demo', node).append({ n: 1 });
    fs.writeFileSync(files.state, '{}');
    fs.writeFileSync(files.lock, '1');
    // A dead taker's successor link and half-made file (capture-lock.ts) go too.
    fs.writeFileSync(`${files.lock}.next.00000001`, '2');
    fs.writeFileSync(`${files.lock}.1234.abcdef.tmp`, '');
    removeCapture('demo', 'unix:/tmp/x/redis.sock');
    for (const file of Object.values(files)) expect(fs.existsSync(file), file).toBe(false);
    expect(fs.readdirSync(path.join(root(), 'demo'))).toEqual(['10.0.0.1%3A6379.jsonl']);
    removeCapture('demo', '10.0.0.1:6379');
    expect(fs.existsSync(path.join(root(), 'demo'))).toBe(false);
  });

  it('keeps hostile node and profile names inside the captures directory', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.string({ maxLength: 60 }),
        (node, profile) => {
          const file = capturePath(profile, node, '/state');
          const rel = path.relative('/state/captures', file);
          expect(rel.startsWith('..')).toBe(false);
          expect(rel.split(path.sep)).toHaveLength(2);
        },
      ),
    );
    const writer = captureWriter('../../..', '../../../../tmp/evil');
    writer.append({ x: 1 });
    expect(path.dirname(path.dirname(writer.path))).toBe(root());
    expect(fs.existsSync(writer.path)).toBe(true);
  });
});
