// `acl plan` of a big file keeps memory within a small multiple of the file (issue #12: a 10 MB
// file peaked at 1 GB): the file's users do not all keep their tokens (~170 bytes per key
// pattern), and the plan is written user by user in pieces, never as one string. The peak RSS
// is measured by bench/acl-plan.mjs; here the heap a full GC leaves and the writes are checked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadDesired } from '../../src/ops/acl-desired.js';
import { planText, printPlan } from '../../src/commands/acl-plan.js';
import { parseAclFile } from '../../src/domain/acl/acl-file.js';
import { planAcl } from '../../src/domain/acl/plan.js';
import { maskedRuleArgs } from '../../src/domain/acl/summary.js';
import { toDisplay } from '../../src/domain/display.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const dir = mkdtempSync(join(tmpdir(), 'rw-plan-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const userLine = (u: number, patterns: number) =>
  `user svc${u} on >pw-${u} ${Array.from({ length: patterns }, (_, i) => `%R~tenant:${u}:obj:${i}:*`).join(' ')} -@all +@read`;

describe('acl plan memory', () => {
  it('a file of many users holds about its own size, not every token of every user', () => {
    const text = `${Array.from({ length: 100 }, (_, u) => userLine(u, 1000)).join('\n')}\n`;
    const file = join(dir, 'many.acl');
    writeFileSync(file, text);
    const before = heapAfterGc();
    const desired = loadDesired(file, () => {});
    const held = heapAfterGc() - before;
    // ~2.5 MB of file; every token kept was ~17 MB (7x). The text and one user's tokens: ~1.1x.
    expect(held).toBeLessThan(2 * text.length);
    // Read again, the tokens are the file's, user by user.
    const parsed = parseAclFile(text).users;
    expect(desired.map((d) => d.name)).toEqual(parsed.map((u) => u.name));
    for (const i of [0, 1, 57, 99]) expect(desired[i]!.tokens).toEqual(parsed[i]!.tokens);
  });

  // Escapes (a combining mark, a C1 control) in every third pattern, on both sides of where
  // the pieces of the ACL SETUSER line meet.
  const patterns = Array.from({ length: 20_000 }, (_, i) =>
    i % 3 === 0 ? `~\u0301k\u0085${i}` : `~k:${i}:*`,
  );
  const text = `user big on >secret ${patterns.join(' ')} +get\nuser small off #${'a'.repeat(64)}\n`;
  const plan = planAcl(parseAclFile(text).users, []);
  const setuser = (i: number) =>
    `    ACL SETUSER ${plan.create[i]!.name} ${toDisplay(maskedRuleArgs(plan.create[i]!.args).join(' '))}`;
  const whole = ['+ create big (line 1)', setuser(0), '+ create small (line 2)', setuser(1), ''].join('\n');

  it('the plan text in pieces reads exactly as the whole', () => {
    expect([...planText(plan)].join('')).toBe(whole);
    expect(whole).toContain('\\u0085');
    expect(whole).not.toContain('secret');
  });

  it('prints the plan as it is made, never as one string', () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const state = {
        current: [],
        universe: { categories: new Map(), commands: new Set<string>() },
        pubsubDefault: 'resetchannels' as const,
      };
      printPlan({ desired: [], state, plan }, 'f.acl', false, () => {});
    } finally {
      spy.mockRestore();
    }
    expect(writes.join('')).toBe(`${whole}Plan: 2 to create, 0 to change, 0 to delete, 0 unchanged.\n`);
    // ~300 KB here, tens of MB for a big file: written in pieces of about 64 KB.
    expect(writes.length).toBeGreaterThan(2);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(128 * 1024);
  });
});
