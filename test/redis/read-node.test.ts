// The read handle's allowlist, and that nothing in src/ can send a write but through writeOn:
// the exported types give a handle no way to write, only src/redis/command.ts takes the write
// capability (writerOf), and every command src/ names for a handle is a read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertRead, isRead, WriteOnReadHandle } from '../../src/redis/read-node.js';
import type { Arg, ReadNode } from '../../src/redis/read-node.js';
import type { Target } from '../../src/redis/target.js';
import { READS, WRITES } from '../support/read-write-commands.js';
import { PANE_NEEDS } from '../../src/domain/pane-needs.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('the read allowlist', () => {
  it('every read the console and the audit need is a read', () => {
    for (const [command, ...args] of READS)
      expect([command, ...args, isRead(command, args)]).toEqual([command, ...args, true]);
  });

  it('every need `profiles test` may try for real (harmless) is a read a handle sends', () => {
    const tried = PANE_NEEDS.filter((n) => n.harmless).flatMap((n) => n.anyOf.map((a) => a.command));
    expect(tried.filter(([command = '', ...args]) => !isRead(command, args))).toEqual([]);
  });

  it('every write (and anything not on the list) is refused, naming it, never its arguments', () => {
    for (const [command, ...args] of WRITES) {
      expect([command, ...args, isRead(command, args)]).toEqual([command, ...args, false]);
      let thrown: unknown;
      try {
        assertRead(command, args);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(WriteOnReadHandle);
      const message = (thrown as Error).message;
      expect(message).toMatch(/was not sent: .*writes go through the mutation path/);
      expect(message).not.toMatch(/secret-pw|127\.0\.0\.1|maxmemory/);
    }
    const said = (command: string, ...args: Arg[]) => new WriteOnReadHandle(command, args).message;
    expect(said('ACL', 'SETUSER', 'x', '>pw')).toMatch(/^ACL SETUSER was not sent/);
    expect(said('acl', 'log', 'reset')).toMatch(/^ACL LOG RESET was not sent/);
    expect(said('CLIENT', 'KILL', 'ID', '1')).toMatch(/^CLIENT KILL was not sent/);
    expect(said('AUTH', 'admin', 'pw')).toMatch(/^AUTH was not sent/);
    expect(said('\x1b[2J')).toMatch(/^a command was not sent/);
  });
});

describe('nothing outside the write path can write', () => {
  const files = sources('src');

  it('a handle has no way to write by its type', () => {
    const check = (t: Target) => {
      const n: ReadNode | undefined = t.node('x');
      // @ts-expect-error a read handle has no write method
      void n?.write;
      // @ts-expect-error nor a way to reconnect it under a write in flight
      void n?.resync;
      // @ts-expect-error what the Target holds stays inside it
      void t.nodes;
    };
    expect(check).toBeTypeOf('function');
  });

  it('only src/redis/command.ts takes the write capability; nothing outside src/redis names the connection', () => {
    const takers = files.filter(
      (f) => f !== 'src/redis/node.ts' && /\bwriterOf\b/.test(readFileSync(f, 'utf8')),
    );
    expect(takers).toEqual(['src/redis/command.ts']);
    // Type-only imports of node.ts (NodeStatus) are fine; the class and writerOf are not.
    const importing = /import[^;]*\b(?:NodeConnection|writerOf)\b[^;]*from '[^']*\/node\.js'/;
    const named = files.filter((f) => !f.startsWith('src/redis/') && importing.test(readFileSync(f, 'utf8')));
    expect(named).toEqual([]);
  });

  it('every command src/ sends through a handle by name is a read', () => {
    const found: string[] = [];
    const notReads: string[] = [];
    const dynamic: string[] = [];
    for (const f of files) {
      // The demo starts a server of its own and fills it with traffic through its own client.
      if (f === 'src/redis/demo.ts') continue;
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(
        /\.call(?:Buffer)?\(\s*'([^']+)'\s*(\)|,\s*\[\s*'([^']+)'(?:\s*,\s*'([^']+)')?)?/g,
      )) {
        const [, command = '', end, ...rest] = m;
        const said = `${f}: ${[command, ...rest.filter(Boolean)].join(' ')}`;
        // Arguments not written out here (`bits === undefined ? [...] : [...]`): the run-time check holds.
        if (end === undefined) {
          dynamic.push(said);
          continue;
        }
        const args = rest.filter((a): a is string => a !== undefined);
        found.push(said);
        if (!isRead(command, args)) notReads.push(said);
      }
    }
    expect(found.length).toBeGreaterThan(10); // the scan sees the calls
    expect(notReads).toEqual([]);
    // A new one is read by a person: add it here once its commands are known to be reads.
    // The evidence's key sample: SCAN's cursor and each key name are values, the commands are
    // reads in every form (WHOLE in read-node.ts).
    expect(dynamic).toEqual([
      'src/redis/acl.ts: ACL',
      'src/redis/evidence-read.ts: TYPE',
      'src/redis/evidence-read.ts: PTTL',
      'src/redis/evidence-read.ts: STRLEN',
      'src/redis/evidence-read.ts: GETRANGE',
      'src/redis/evidence-read.ts: SCAN',
    ]);
  });
});
