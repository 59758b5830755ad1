// kill -9 of the console mid-phase (issue 16): the built bin, killed with SIGKILL at exact points
// (REDIS_WARDEN_CRASH_AT, src/fs/crash-point.ts): after an evidence file is written, after an
// action is saved pending and before it is sent, after it is sent and before its result is
// saved, after a later sample's files and before their manifest. After each: show works, the
// hashes match, no action is done twice, a pending one is said unknown, and contain again sends
// only what is not known done.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli, journalOf } from './acl-cli.js';

let server: RedisHandle;
let admin: Redis;
let xdg: XdgDirs;

beforeAll(async () => {
  xdg = tempXdg();
  server = await startRedis();
  admin = new Redis({ host: server.host, port: server.port });
  for (const u of ['backdoor', 'backdoor2']) await admin.acl('SETUSER', u, 'on', 'nopass', '+@all', '~*');
  await admin.set('k', '1');
});
afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
  xdg.cleanup();
});

const dirs = () => ({ XDG_CONFIG_HOME: xdg.config, XDG_STATE_HOME: xdg.state });
const run = (args: string[], crashAt?: string) =>
  cli(['incident', ...args, '-p', String(server.port)], {
    ...dirs(),
    ...(crashAt ? { REDIS_WARDEN_CRASH_AT: crashAt } : {}),
  });
const offline = (args: string[]) => cli(['incident', ...args], dirs());

interface Action {
  kind: string;
  seq?: number;
  result: string;
  detail?: string;
  operation: { id: string; params: Record<string, unknown> };
}
async function shown(id: string): Promise<{ text: string; actions: Action[]; tampered: string[] }> {
  const text = await offline(['show', id]);
  expect(text.code, text.stdout + text.stderr).toBe(0);
  expect(text.stdout).not.toContain('EVIDENCE CHANGED');
  const doc = JSON.parse((await offline(['show', id, '--json'])).stdout) as {
    incident: { timeline: Action[] };
    tampered: string[];
  };
  const actions = doc.incident.timeline.filter((t) => t.kind === 'action');
  // No action twice: each seq once, and no operation done (ok) twice.
  expect(new Set(actions.map((a) => a.seq)).size).toBe(actions.length);
  const done = actions.filter((a) => a.result === 'ok').map((a) => JSON.stringify(a.operation));
  expect(new Set(done).size).toBe(done.length);
  return { text: text.stdout, actions, tampered: doc.tampered };
}
const blockKey = async (id: string, user: string) =>
  new RegExp(`^(\\S+) {2}[^ ]+(?: \\(pending\\))? {2}Block user ${user}$`, 'm').exec(
    (await run(['contain', id])).stdout,
  )?.[1] ?? '';
const isOn = async (user: string) =>
  (((await admin.acl('GETUSER', user)) as unknown[])[1] as string[]).includes('on');
const sends = (user: string) =>
  journalOf(xdg)
    .split('\n')
    .filter((l) => l.includes('"action":"acl.setuser"') && l.includes(`"${user}"`)).length;

describe('kill -9 of the console mid-phase', () => {
  let id = '';

  it('after an evidence file: the cut-short incident is listed, its files in no manifest; a new start works', async () => {
    const killed = await run(['start'], 'evidence-artefact');
    expect(killed.code).toBe(-1);
    const root = join(xdg.state, 'redis-warden', 'incidents');
    const [cut] = readdirSync(root);
    expect((await offline(['list'])).stdout).toContain(`${cut}  OPEN at step evidence`);
    const { text } = await shown(cut!);
    expect(text).toContain('evidence: 0 artefact(s)');
    expect(readdirSync(join(root, cut!, 'evidence'))).toHaveLength(1);
    const start = await run(['start', '--json']);
    expect(start.code, start.stderr).toBe(1);
    id = (JSON.parse(start.stdout) as { incident: string }).incident;
    expect(id).not.toBe(cut);
    expect((await offline(['list'])).stdout).toContain(`${cut}  OPEN at step evidence`);
    expect(existsSync(join(root, cut!, 'evidence'))).toBe(true);
  });

  it('after the pending action is saved, before it is sent: unknown, nothing sent; contain again sends it once', async () => {
    const key = await blockKey(id, 'backdoor');
    expect(key).not.toBe('');
    expect((await run(['contain', id, key, '--yes'], 'action-pending')).code).toBe(-1);
    expect(await isOn('backdoor')).toBe(true);
    expect(sends('backdoor')).toBe(0);
    const { text, actions } = await shown(id);
    expect(text).toMatch(/UNKNOWN: action 1 \(acl\.setuser\) .*its result was never seen/);
    expect(actions.map((a) => a.result)).toEqual(['pending']);
    expect((await run(['contain', id])).stdout).toMatch(
      new RegExp(`^${key.replace('.', '\\.')}  unknown \\(pending\\)`, 'm'),
    );
    const report = await offline(['report', id]);
    expect(report.stdout).toMatch(/acl\.setuser .*backdoor.*: unknown \(the console stopped/);
    const again = await run(['contain', id, key, '--yes']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/cut short before its result was seen: sent again .* and re-read/);
    expect(await isOn('backdoor')).toBe(false);
    const after = await shown(id);
    expect(after.actions.map((a) => [a.seq, a.result])).toEqual([
      [1, 'unknown'],
      [2, 'ok'],
    ]);
    expect(after.text).not.toContain('UNKNOWN:');
    const n = sends('backdoor');
    expect((await run(['contain', id, key, '--yes'])).stdout).toContain('is done already (ok)');
    expect(sends('backdoor')).toBe(n);
  });

  it('after it is sent, before its result is saved: the server has it, the incident says unknown until re-run', async () => {
    const key = await blockKey(id, 'backdoor2');
    expect((await run(['contain', id, key, '--yes'], 'action-sent')).code).toBe(-1);
    expect(await isOn('backdoor2')).toBe(false);
    const { text, actions } = await shown(id);
    expect(text).toMatch(/UNKNOWN: action 3 \(acl\.setuser\)/);
    expect(actions.at(-1)?.result).toBe('pending');
    const again = await run(['contain', id, key, '--yes']);
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toMatch(/sent again[^]*Done: Block user backdoor2\n.*re-read, the change is there/);
    const after = await shown(id);
    expect(after.actions.slice(-2).map((a) => [a.seq, a.result])).toEqual([
      [3, 'unknown'],
      [4, 'ok'],
    ]);
    expect((await run(['contain', id, key, '--yes'])).stdout).toContain('is done already (ok)');
  });

  it("after a later sample's files, before its manifest: no later evidence, hashes match; the step again works", async () => {
    expect((await run(['keyspace', id], 'later-evidence')).code).toBe(-1);
    const { text } = await shown(id);
    expect(text).not.toContain('later evidence');
    const again = await run(['keyspace', id]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/keys before 1, now 1/);
    const after = await shown(id);
    expect(after.text).toMatch(/later evidence \(keyspace-after\): manifest-2\.json/);
    expect(after.text).toContain('keyspace-after-2.json');
    expect(after.tampered).toEqual([]);
    // The MONITOR sample stops at the same point (its files, not its manifest): the same holds.
    expect((await run(['monitor', id, '--seconds', '1', '--yes'], 'later-evidence')).code).toBe(-1);
    expect((await shown(id)).text).not.toContain('later evidence (monitor)');
  });
});
