// `redis-warden journal` reads what real actions journaled (the built bin against a real
// server): filters by action, prefix, node and time, a corrupt line skipped and counted, bad
// flags exit 2, and no password nor its hash in any output.
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

const PW = 'Journal-Secret-9931';
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

let server: RedisHandle;
let xdg: XdgDirs;
const node = () => `127.0.0.1:${server.port}`;
const admin = { REDISCLI_AUTH: 'adm-pw-123' };
const conn = () => ['-p', String(server.port), '--user', 'admin'];
const journalFile = () => join(xdg.state, 'redis-warden', 'journal.jsonl');

interface Doc {
  journal: string;
  entries: {
    ts: string;
    action: string;
    actor: string;
    nodes?: string[];
    outcome?: string;
    args?: string[];
  }[];
  unreadable: number;
}
const json = async (args: string[]): Promise<Doc> => {
  const r = await cli(['journal', '--json', ...args]);
  expect([r.code, r.stderr]).toEqual([0, '']);
  return JSON.parse(r.stdout) as Doc;
};

beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >adm-pw-123 ~* &* +@all',
      'user app on >app-pw-1 ~app:* +get',
    ],
  });
  // Real actions, journaled by the commands themselves.
  for (const args of [
    ['acl', 'disable', 'app', '--yes'],
    ['acl', 'setuser', 'app', `>${PW}`, '--yes'],
    ['acl', 'save', '--yes'],
  ]) {
    const r = await cli([...args, ...conn()], admin);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBeLessThan(2);
  }
}, 60_000);
afterAll(async () => {
  await server?.stop();
  xdg?.cleanup();
});

describe('redis-warden journal', () => {
  it('lists what acl disable did, by action id, with node, outcome and who', async () => {
    const doc = await json(['--action', 'acl.setuser']);
    expect(doc.entries.map((e) => e.action)).toEqual(['acl.setuser', 'acl.setuser']);
    const [disable] = doc.entries;
    expect(disable?.nodes).toEqual([node()]);
    expect(disable?.outcome).toBe('ok');
    expect(disable?.args).toEqual(['ACL', 'SETUSER', 'app', 'off']);
    // As whom: the Redis user the command logged in as.
    expect((disable as { as?: string } | undefined)?.as).toBe('admin');
    // Fields as the file has them, none added.
    const first = JSON.parse(readFileSync(journalFile(), 'utf8').split('\n')[0]!) as object;
    expect(Object.keys(doc.entries[0]!)).toEqual(Object.keys(first));
    expect(doc.unreadable).toBe(0);

    const table = await cli(['journal', '--action', 'acl.setuser']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^WHEN \(UTC\)\s+WHO\s+ACTION\s+NODES\s+OUTCOME\s+WHAT$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\S+ as admin\\s+acl\\.setuser\\s+${node()}\\s+ok\\s+ACL SETUSER app off$`,
      ),
    );
  });

  it('fits the terminal (COLUMNS), WHAT giving way first; --wide and a pipe print it whole', async () => {
    const narrow = await cli(['journal'], { COLUMNS: '70' });
    expect(narrow.code).toBe(0);
    for (const line of narrow.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(70);
    const whole = await cli(['journal']);
    expect((await cli(['journal', '--wide'], { COLUMNS: '70' })).stdout).toBe(whole.stdout);
    expect(whole.stdout).toMatch(/ACL SETUSER app off/);
  });

  it('filters by a prefix, a node and a time', async () => {
    expect((await json(['--action', 'acl.'])).entries.map((e) => e.action)).toEqual([
      'acl.setuser',
      'acl.setuser',
      'acl.save',
    ]);
    expect((await json(['--node', node()])).entries).toHaveLength(3);
    expect((await json(['--node', '127.0.0.1:1'])).entries).toHaveLength(0);
    expect((await json(['--since', '15m'])).entries).toHaveLength(3);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await json(['--since', future])).entries).toHaveLength(0);
    // An ISO time without a zone is UTC, as the table shows times.
    const past = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
    expect((await json(['--since', past])).entries).toHaveLength(3);
  });

  it('exits 2 on a bad flag, naming the action ids for an unknown one', async () => {
    const unknown = await cli(['journal', '--action', 'acl.setusr']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('acl.setuser, acl.deluser');
    expect((await cli(['journal', '--action', 'nope.'])).code).toBe(2);
    expect((await cli(['journal', '--since', 'yesterday'])).code).toBe(2);
    expect((await cli(['journal', '--node', 'somewhere'])).code).toBe(2);
  });

  it('never shows the password nor its hash', async () => {
    const outputs = [await cli(['journal']), await cli(['journal', '--json'])];
    expect(outputs.map((o) => o.code)).toEqual([0, 0]);
    for (const o of outputs) for (const s of [PW, sha(PW)]) expect(o.stdout + o.stderr).not.toContain(s);
    expect(outputs[0]!.stdout).toContain('acl.setuser');
  });

  it('skips a corrupt line and says how many, never a crash', async () => {
    appendFileSync(journalFile(), '{"ts": torn\n');
    const r = await cli(['journal', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 line could not be read');
    const doc = JSON.parse(r.stdout) as Doc;
    expect([doc.entries.length, doc.unreadable]).toEqual([3, 1]);
    const table = await cli(['journal']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('acl.save');
    expect(table.stderr).toContain('1 line could not be read');
  });
});
