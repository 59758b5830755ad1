// The Audit pane against real servers: an insecure one (default nopass, protected-mode no, a
// hostile user name) reaches no level and lists its failures; Enter shows evidence and fix;
// failures only; r re-runs with a progress line; F asks, naming the change and the node, and
// is refused in read-only mode; 80x24 fits; an auditor without +config|get sees the grants.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/domain/display.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { journalOf, tuiPerTest } from '../helpers/tui.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';

const HOSTILE = 'ev\x1b[31mil\u202e';
let server: RedisHandle;
let admin: Redis;

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default on nopass ~* &* +@all',
      'user app on >trustno1 ~* &* +@all',
      // Every read of the audit but CONFIG GET: the settings' checks are unknown, naming it.
      'user auditor on >auditor-pw-1 resetkeys resetchannels -@all +ping +acl|whoami +info +acl|list +acl|dryrun +module|list',
    ],
    extraConfig: ['protected-mode no'],
  });
  admin = new Redis({ host: server.host, port: server.port, protocol: 2 });
  admin.on('error', () => undefined);
  await admin.call('ACL', ['SETUSER', HOSTILE, 'on', 'nopass', '~*', '+@all']);
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

const { start } = tuiPerTest();

async function auditPane(opts: { user?: string; password?: string; readOnly?: boolean } = {}): Promise<Tui> {
  const t = await start({
    connection: {
      spec: { host: server.host, port: server.port, ...(opts.user ? { user: opts.user } : {}) },
      ...(opts.password ? { password: opts.password } : {}),
      readOnly: Boolean(opts.readOnly),
    },
  });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.audit');
  await t.waitFor((f) => /Level: /.test(f), 'the report', 15_000);
  return t;
}

/** Scrolls a text view down until `text` shows. */
async function scrollTo(t: Tui, text: string): Promise<string> {
  for (let i = 0; i < 80 && !t.frame().includes(text); i++) {
    const at = /(\d+)-\d+ of \d+/.exec(t.frame())?.[1];
    t.press('list.down');
    await t.waitFor((f) => /(\d+)-\d+ of \d+/.exec(f)?.[1] !== at, 'scrolled');
  }
  return t.waitFor((f) => f.includes(text), text);
}

/** Narrows the list to one check by the `/` filter. */
async function only(t: Tui, id: string): Promise<string> {
  t.press('list.filter');
  t.type(id);
  t.key('return');
  return t.waitFor((f) => f.includes(`/${id}`) && f.includes(id), `${id} alone`);
}

describe('the Audit pane', () => {
  it('runs on entering: below Basic, the failing checks listed, hostile names escaped', async () => {
    const t = await auditPane();
    const f = t.frame();
    expect(f).toContain('Level: below Basic');
    expect(f).toMatch(/\d+ fail \d+ warn \d+ unknown \d+ pass · Basic needs \d+/);
    expect(f).toMatch(/FAIL\s+access\s+AUTH-001/);
    t.press('audit.risky');
    await t.waitFor(
      (f) => !/\bpass\s+\S+\s+[A-Z]+-\d{3}/.test(f.split('\n').slice(4).join('\n')),
      'failures only',
    );
    t.press('audit.risky');
    await only(t, 'AUTH-005');
    t.press('audit.open');
    await t.waitFor((f) => f.includes('Evidence:'), 'details');
    expect(t.allFrames()).not.toMatch(/\x1b|\u202e/);
    expect(t.allFrames()).toContain('ev\\x1b[31mil\\u202e');
  });

  it('Enter shows the evidence and the fix; ! shows failures only and back', async () => {
    const t = await auditPane();
    await only(t, 'NET-001');
    t.press('audit.open');
    const f = await t.waitFor((f) => f.includes('Evidence:'), 'details');
    expect(f).toMatch(/CONFIG GET protected-mode → protected-mode=no/);
    expect(f).toContain('CONFIG SET protected-mode yes');
    expect(f).toContain('F applies it online:');
    expect(f).toMatch(/Seed: /);
    t.key('escape');
    await t.waitFor((f) => !f.includes('Evidence:') && f.includes('NET-001'), 'back to the list');
    t.key('escape'); // clears the filter
    await t.waitFor((f) => !f.includes('/NET-001'), 'filter cleared');
    t.press('list.filter');
    t.type('pass');
    t.key('return');
    await t.waitFor((f) => /^pass\s/m.test(f), 'passing checks listed');
    t.press('audit.risky');
    await t.waitFor((f) => !/^pass\s/m.test(f) && /^FAIL\s/m.test(f), 'failures only hides them');
    t.press('audit.risky');
    await t.waitFor((f) => /^pass\s/m.test(f), 'every check again');
  });

  it('r runs the audit again with a progress line', async () => {
    const t = await auditPane();
    const before = t.allFrames().split('auditing 1 node…').length;
    t.press('app.refresh');
    await t.waitFor(() => t.allFrames().split('auditing 1 node…').length > before, 'progress line');
    await t.waitFor((f) => /audited \d+s ago/.test(f), 'done again');
  });

  it('l shows the counts per level, what Basic needs, the checklist and what to verify by hand', async () => {
    const t = await auditPane();
    t.press('audit.level');
    const f = await t.waitFor((f) => f.includes('To reach Basic'), 'level view');
    expect(f).toMatch(/│\s*level\s*│\s*pass\s*│\s*fail/);
    expect(f).toMatch(/│\s*Basic\s*│/);
    await scrollTo(t, '[✗] Enable protected-mode (NET-001)');
    await scrollTo(t, '[ ] by hand Firewall/NetworkPolicy');
    await scrollTo(t, 'Verify by hand');
    await scrollTo(t, 'MAN-001');
    t.key('escape');
    await t.waitFor((f) => f.includes('CHECK') && f.includes('TITLE'), 'back to the checks');
  });

  it('F on protected-mode asks, naming the change and the node', async () => {
    const t = await auditPane();
    await only(t, 'NET-001');
    t.press('audit.fix');
    const f = await t.waitFor((f) => f.includes('Fix NET-001'), 'confirmation');
    expect(f).toContain(`CONFIG SET protected-mode yes on ${server.host}:${server.port}`);
    t.key('n');
    await t.waitFor((f) => !f.includes('Fix NET-001'), 'cancelled');
    expect(await admin.call('CONFIG', ['GET', 'protected-mode'])).toEqual(['protected-mode', 'no']);
  });

  it('F on a fix that needs a restart asks nothing: the details show the lines to paste', async () => {
    const t = await auditPane();
    await only(t, 'NET-003');
    t.press('audit.fix');
    const f = await t.waitFor((f) => f.includes('Needs a restart: paste the lines above'), 'the lines');
    expect(f).toMatch(/redis\.conf:\n\s+tls-port 6379\n\s+port 0/);
    expect(f).toContain('cannot be fixed online (it needs a restart)');
    expect(t.allFrames()).not.toContain('Fix NET-003');
  });

  it('F is refused in read-only mode, and nothing is asked', async () => {
    const t = await auditPane({ readOnly: true });
    await only(t, 'NET-001');
    t.press('audit.fix');
    await t.waitFor((f) => f.includes('Read-only'), 'refused');
    expect(t.allFrames()).not.toContain('Fix NET-001');
  });

  it('fits 80x24: no line wider, the key line shown', async () => {
    const t = await auditPane();
    t.resize(80, 24);
    const check = (f: string) => {
      const lines = f.split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
      // The pane's own keys first (issue 17: by priority), `?` last: help, or more when some do not fit.
      expect(lines.at(-1)).toMatch(/^F fix.*\? (help|more)$/);
    };
    check(
      await t.waitFor((f) => f.includes('Level: below Basic') && f.split('\n')[0]!.length <= 80, '80 wide'),
    );
    t.press('audit.level');
    check(await t.waitFor((f) => f.includes('To reach Basic'), 'level view'));
    t.key('escape');
    await t.waitFor((f) => f.includes('CHECK') && f.includes('TITLE'), 'back to the checks');
    await only(t, 'AUTH-001');
    t.press('audit.open');
    check(await t.waitFor((f) => f.includes('Evidence:'), 'details'));
  });

  it('an auditor without +config|get sees unknowns naming the grant, not failures', async () => {
    const t = await auditPane({ user: 'auditor', password: 'auditor-pw-1' });
    await only(t, 'NET-001');
    const f = await t.waitFor((f) => /UNKN\s+network\s+NET-001/.test(f), 'unknown');
    expect(f).toContain('grant +config|get');
    t.press('audit.open');
    await t.waitFor((f) => f.includes('Grant +config|get to know it'), 'the grant in the detail');
  });

  it('F on protected-mode applies exactly that setting, journals it, and the re-run shows pass', async () => {
    const settings = async () =>
      Object.fromEntries(
        ((await admin.call('CONFIG', ['GET', '*'])) as string[]).flatMap((v, i, a) =>
          i % 2 ? [] : [[v, a[i + 1]]],
        ),
      ) as Record<string, string>;
    const before = await settings();
    const t = await auditPane();
    try {
      await only(t, 'NET-001');
      t.press('audit.fix');
      await t.waitFor((f) => f.includes('Fix NET-001'), 'confirmation');
      t.key('y');
      await t.waitFor((f) => f.includes('re-run: NET-001 is now pass'), 'applied and re-run', 15_000);
      await t.waitFor((f) => /^pass\s+network\s+NET-001/m.test(f), 'the list says pass');
      const after = await settings();
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      expect(changed).toEqual(['protected-mode']);
      expect(after['protected-mode']).toBe('yes');
      const state = { state: process.env.XDG_STATE_HOME! } as XdgDirs;
      expect(journalOf(state, 'config.set').map((e) => e.outcome)).toEqual(['ok']);
    } finally {
      await admin.call('CONFIG', ['SET', 'protected-mode', 'no']);
    }
  });
});
