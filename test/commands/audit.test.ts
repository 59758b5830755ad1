// `redis-warden audit` as CI runs it (the built CLI, a child process): an insecure server is
// below Basic with each problem named and its fix, the exit codes keep their contract, --json
// keeps its shape, --markdown renders, --grants makes an auditor that sees everything, a
// NOPERM auditor gets unknowns that name the grant, a silent server ends with exit 2 within
// --timeout, and under MONITOR and INFO commandstats the audit sends nothing but reads.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDITOR_RULE } from '../../src/redis/auditor-grants.js';
import { startPeer } from '../support/fake-peers.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { AUDIT_READS, whatWasSent } from '../support/audit-sends.js';
import { cli } from './acl-cli.js';

interface JsonResult {
  id: string;
  status: string;
  node?: string;
  subjects?: string[];
  subjectsHex?: string[];
  unknown?: { reason: string; grant?: string };
  fix?: { text: string; commands?: string[]; online?: { action: string; params: Record<string, unknown> }[] };
}
interface JsonReport {
  version: number;
  reached: string;
  exit: number;
  counts: Record<string, number>;
  nodes: { node: string; reached: string; unreachable?: string; results: JsonResult[] }[];
  cluster: JsonResult[];
  next?: { level: string; needs: JsonResult[] };
  checklist: { stage: string; item: string; state: string }[];
  manual: { id: string }[];
  cveTable: { date: string };
  passwordList: { count: number };
}

const WEAK = 'trustno1';
const ADMIN_PW = 'audit-cmd-admin-password-000000000001';
let server: RedisHandle;
let admin: Redis;
let home: string;
let xdg: XdgDirs;

beforeAll(async () => {
  xdg = tempXdg();
  home = await mkdtemp(join(tmpdir(), 'audit-cmd-home-'));
  await mkdir(join(home, '.ssh'));
  // Insecure on purpose, on loopback only: default nopass, protected-mode off, an app user with
  // +@all ~* and a common password, dir under a .ssh directory.
  server = await startRedis({
    aclUsers: [
      'user default on nopass ~* &* +@all',
      `user admin on >${ADMIN_PW} ~* &* +@all`,
      `user app on >${WEAK} ~* &* +@all`,
    ],
    extraConfig: ['protected-mode no', `dir ${join(home, '.ssh')}`],
  });
  admin = new Redis({ host: server.host, port: server.port, username: 'admin', password: ADMIN_PW });
});
afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
  await rm(home, { recursive: true, force: true });
  xdg.cleanup();
});

// tempXdg points this process's XDG dirs at a scratch directory: the child inherits them.
const env = (password = '') => ({
  XDG_CONFIG_HOME: xdg.config,
  XDG_STATE_HOME: xdg.state,
  REDISCLI_AUTH: password,
});
const audit = (args: string[], password = ADMIN_PW, user = 'admin') =>
  cli(['audit', '-p', String(server.port), '--user', user, ...args], env(password));
const json = async (args: string[] = [], password?: string, user?: string) => {
  const r = await audit(['--json', ...args], password, user);
  return { ...r, report: JSON.parse(r.stdout) as JsonReport };
};
const result = (rep: JsonReport, id: string) => rep.nodes[0]?.results.find((r) => r.id === id);

describe('redis-warden audit on an insecure server', () => {
  it('is below Basic, names each problem with its fix, exit 1', async () => {
    const r = await audit([]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Level: below Basic$/m);
    for (const id of ['AUTH-001', 'AUTH-002', 'AUTH-007', 'NET-001', 'CMD-001', 'PER-003'])
      expect(r.stdout).toMatch(new RegExp(`^  FAIL  ${id} `, 'm'));
    expect(r.stdout).toContain('$ CONFIG SET protected-mode yes');
    expect(r.stdout).toContain('$ ACL SETUSER default off');
    // The evidence names the user once: `user default on nopass ...`.
    expect(r.stdout).toMatch(/seen: ACL LIST -> user default on nopass/);
    expect(r.stdout).toMatch(/\.ssh/);
    expect(r.stdout).toMatch(/^To reach Basic/m);
    expect(r.stdout).toMatch(/^Checklist/m);
    expect(r.stdout).toMatch(/^Verify by hand/m);
    expect(r.stdout).toMatch(/^CVE table of \d{4}-\d\d-\d\d/m);
    // No secret anywhere: not the weak password found offline, not a hash, not the login's.
    for (const s of [WEAK, ADMIN_PW]) expect(r.stdout + r.stderr).not.toContain(s);
    expect(r.stdout).not.toMatch(/[0-9a-f]{64}/);
  });

  it('--json: the stable shape, names also as hex, the online fixes as operations', async () => {
    const { code, report } = await json();
    expect(code).toBe(1);
    expect(report).toMatchObject({ version: 1, reached: 'none', exit: 1 });
    expect(report.cveTable.date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(report.passwordList.count).toBeGreaterThanOrEqual(10_000);
    expect(report.nodes).toHaveLength(1);
    expect(report.nodes[0]?.results.length).toBeGreaterThanOrEqual(40);
    const weak = result(report, 'AUTH-007');
    expect(weak).toMatchObject({ status: 'fail', subjects: ['app'], subjectsHex: ['617070'] });
    expect(result(report, 'NET-001')?.fix?.online?.[0]).toMatchObject({
      action: 'config.set',
      params: { node: `127.0.0.1:${server.port}`, name: 'protected-mode', value: 'yes' },
    });
    expect(report.next?.level).toBe('basic');
    expect(report.checklist.length).toBeGreaterThan(10);
    expect(JSON.stringify(report)).not.toContain(WEAK);
  });

  it('--markdown renders a report for a ticket', async () => {
    const r = await audit(['--markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^# Redis security audit: /);
    expect(r.stdout).toMatch(/^\| Node \| Level \|/m);
    expect(r.stdout).toMatch(/^### FAIL NET-001: protected-mode is yes/m);
    expect(r.stdout).toMatch(/^```$/m);
    expect(r.stdout).toMatch(/^- \[ \] Development: Enable protected-mode/m);
    // The redis.conf and ACL file lines of a fix, each on its own line of the code block.
    expect(r.stdout).toMatch(/^# redis\.conf\nprotected-mode yes$/m);
    expect(r.stdout).not.toContain('\\x0a');
  });

  it('exit codes: --level, --fail-on, --check, bad input', async () => {
    expect((await audit(['--level', 'basic', '--json'])).code).toBe(1);
    expect((await audit(['--check', 'NET-004'])).code).toBe(0);
    expect((await audit(['--check', 'NET-001'])).code).toBe(1);
    // A failing check below the bar does not fail the run: LIM-002 (timeout 0) is low.
    expect((await audit(['--check', 'LIM-002', '--fail-on', 'high'])).code).toBe(0);
    expect((await audit(['--check', 'LIM-002', '--fail-on', 'low'])).code).toBe(1);
    expect((await audit(['--level', 'bogus'])).code).toBe(2);
    expect((await audit(['--check', 'NOPE-001'])).code).toBe(2);
    expect((await audit(['--json', '--markdown'])).code).toBe(2);
    const { report } = await json(['--check', 'NET-001']);
    expect(report.nodes[0]?.results.map((r) => r.id)).toEqual(['NET-001']);
  });

  it('--admin names the users allowed dangerous commands', async () => {
    expect(result((await json(['--admin', 'admin', 'app', 'default'])).report, 'CMD-001')?.status).toBe(
      'pass',
    );
  });

  it('sends nothing but reads: under MONITOR and by INFO commandstats', async () => {
    const { sent, monitored } = await whatWasSent(admin, async () => {
      expect((await audit(['--json'])).code).toBe(1);
    });
    expect(sent.filter((c) => !AUDIT_READS.has(c))).toEqual([]);
    expect(sent).toEqual(expect.arrayContaining(['config|get', 'acl|list', 'acl|dryrun']));
    expect(monitored.filter((c) => !AUDIT_READS.has(c))).toEqual([]);
  });
});

describe('audit --grants', () => {
  it('prints the auditor rule without connecting, exit 0', async () => {
    const r = await cli(['audit', '--grants', '-p', '1'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ACL SETUSER auditor ${AUDITOR_RULE}`);
    expect(r.stdout).toContain(`user auditor ${AUDITOR_RULE}`);
  });

  it('an auditor made from it leaves no check unknown for want of a grant', async () => {
    const pw = 'auditor-from-grants-password-0000000001';
    await admin.call('ACL', ['SETUSER', 'auditor', ...AUDITOR_RULE.split(' '), `>${pw}`]);
    try {
      const { report } = await json([], pw, 'auditor');
      const all = [...report.nodes.flatMap((n) => n.results), ...report.cluster];
      expect(all.filter((r) => r.unknown?.grant)).toEqual([]);
      expect(report.reached).toBe('none');
    } finally {
      await admin.call('ACL', ['DELUSER', 'auditor']);
    }
  });

  it('a NOPERM auditor: unknowns that name the grant, never failures for want of it', async () => {
    const pw = 'auditor-too-few-grants-password-000000001';
    await admin.call('ACL', [
      'SETUSER',
      'peek',
      'on',
      `>${pw}`,
      'resetkeys',
      'resetchannels',
      '-@all',
      '+ping',
      '+acl|whoami',
      '+info',
    ]);
    try {
      const { report } = await json([], pw, 'peek');
      expect(result(report, 'NET-001')?.unknown?.grant).toBe('+config|get');
      expect(result(report, 'AUTH-002')?.unknown?.grant).toBe('+acl|list');
      expect(result(report, 'NET-001')?.status).toBe('unknown');
      // The unauthenticated probe needs no grant: still a failure, rightly.
      expect(result(report, 'AUTH-001')?.status).toBe('fail');
    } finally {
      await admin.call('ACL', ['DELUSER', 'peek']);
    }
  });
});

describe('a server that accepts TCP and never answers', () => {
  it('ends with exit 2 within --timeout, the JSON saying so', async () => {
    const peer = await startPeer('silent');
    try {
      const started = Date.now();
      const r = await cli(['audit', '-p', String(peer.port), '--timeout', '1500', '--json'], env());
      expect(r.code).toBe(2);
      expect(Date.now() - started).toBeLessThan(1500 + 1500); // the bound, plus node's own start
      expect(JSON.parse(r.stdout)).toMatchObject({ reached: 'unknown', exit: 2 });
      expect(r.stderr).toMatch(/could not connect/);
    } finally {
      await peer.close();
    }
  });
});

describe('password age from the journal (AUTH-009)', () => {
  it('a password the console gave is dated by its journal entry; others have no record', async () => {
    await admin.call('ACL', [
      'SETUSER',
      'rot',
      'on',
      '>rot-old-password-00000000000000000001',
      '~rot:*',
      '+get',
    ]);
    try {
      const before = result((await json(['--check', 'AUTH-009'])).report, 'AUTH-009');
      expect(before?.status).toBe('warn');
      expect(JSON.stringify(before)).toMatch(/rot: no record/);
      const rotated = await cli(
        ['acl', 'rotate', 'rot', '--add', '--yes', '-p', String(server.port), '--user', 'admin'],
        env(ADMIN_PW),
      );
      expect(rotated.code, rotated.stderr).toBe(0);
      const after = result((await json(['--check', 'AUTH-009'])).report, 'AUTH-009');
      expect(JSON.stringify(after)).toMatch(/rot: \d{4}-\d\d-\d\dT/);
      expect(JSON.stringify(after)).toMatch(/app: no record/);
    } finally {
      await admin.call('ACL', ['DELUSER', 'rot']);
    }
  });
});
