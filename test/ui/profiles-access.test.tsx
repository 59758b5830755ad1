// The Profiles pane's test (t) says what the profile's user may do, pane by pane, in the same
// words as `profiles test`: a line per pane under the list, and on v the whole table with the
// grants; at 80x24. Against a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tuiPerTest } from '../helpers/tui.js';
import { openProfileStore } from '../../src/profiles/store.js';

let server: RedisHandle;
const tuis = tuiPerTest();

beforeAll(async () => {
  server = await startRedis({
    aclUsers: [
      'user default off',
      'user admin on >adm-pw ~* &* +@all',
      // Connects, but no pane but Clients can show anything; may ask ACL DRYRUN.
      'user weak on >weak-pw resetkeys resetchannels -@all +ping +info +acl|whoami +acl|dryrun +client|list',
    ],
  });
});
afterAll(async () => {
  await server.stop();
});

function addProfile(name: string, user: string, pw: string) {
  process.env[`ACCESS_TEST_${name.toUpperCase()}`] = pw;
  openProfileStore().store.add({
    name,
    host: server.host,
    port: server.port,
    user,
    password: { kind: 'env', name: `ACCESS_TEST_${name.toUpperCase()}` },
  });
}

const lines = (f: string) => f.split('\n');

describe('Profiles pane: what the profile user may do', () => {
  it('t shows a line per pane with the missing grants; v the whole table; Esc back; all within 80x24', async () => {
    addProfile('weak', 'weak', 'weak-pw');
    const tui = await tuis.start();
    tui.resize(80, 24);
    await tui.waitFor((f) => /\bweak\b/.test(f), 'the profile listed');
    tui.press('profiles.test');
    const f = await tui.waitFor((f) => f.includes('What weak may do on'), 'the access summary');
    expect(f).toContain(`What weak may do on ${server.host}:${server.port} (asked with ACL DRYRUN)`);
    expect(f).toMatch(/^Users +reads NO: \+acl\|list .*\+acl\|cat/m);
    expect(f).toMatch(/^ACL Log +reads NO: \+acl\|log/m);
    expect(f).toMatch(/^Clients +reads NO: \+client\|id \+acl\|list · actions 0\/1$/m);
    // Connected is not "ok" for a user the panes cannot work with.
    expect(f).toMatch(/ weak .*✓ SEC003/);
    expect(f).toContain('with warnings');
    expect(f).toMatch(/^header +reads yes$/m);
    expect(lines(f).length).toBeLessThanOrEqual(23);
    for (const l of lines(f)) expect([...l].length).toBeLessThanOrEqual(80);

    tui.press('profiles.access');
    const d = await tui.waitFor((f) => f.includes('PANE'), 'the access table');
    expect(d).toMatch(/^Users +NO +users and their rules \(ACL LIST\) +\+acl\|list/m);
    expect(d).toMatch(/SEC003 weak may not read what Users, ACL Log, Clients/);
    expect(lines(d).length).toBeLessThanOrEqual(23);
    for (const l of lines(d)) expect([...l].length).toBeLessThanOrEqual(80);
    // The rest of the table is a scroll away.
    tui.press('list.bottom');
    await tui.waitFor((f) => /^Audit .*action: keep a fix/m.test(f), 'the last row');
    tui.key('escape');
    await tui.waitFor(
      (f) => f.includes('NAME') && f.includes('✓ SEC003') && !f.includes('GRANT'),
      'the list again',
    );
  });

  it("no permission: after the profile's test says its user may not kill, kill is greyed naming the grant", async () => {
    addProfile('weak', 'weak', 'weak-pw');
    const tui = await tuis.start();
    await tui.waitFor((f) => /\bweak\b/.test(f), 'the profile listed');
    tui.press('profiles.test');
    await tui.waitFor((f) => f.includes('What weak may do on'), 'the access summary');
    tui.press('profiles.connect');
    await tui.waitFor((f) => f.includes('as weak') && f.includes('● ready'), 'connected as weak');
    tui.press('pane.clients');
    await tui.waitFor((f) => f.includes('HIGHLIGHT'), 'the Clients pane');
    tui.press('app.palette');
    tui.type('kill');
    const f = await tui.waitFor((f) => f.includes(':kill'), 'the palette');
    expect(f).toMatch(/› x\s+\(no permission: weak needs \+client\|kill\) Kill the client/);
    tui.key('return');
    // The message wraps at 100 columns.
    await tui.waitFor((f) => f.replace(/\s+/g, ' ').includes('not available, no permission'), 'the reason');
    expect(tui.allFrames()).not.toContain('Kill 1 client');
  });

  it('an administrator: every pane reads yes and every action works', async () => {
    addProfile('root', 'admin', 'adm-pw');
    const tui = await tuis.start();
    tui.press('profiles.test');
    const f = await tui.waitFor((f) => f.includes('What admin may do on'), 'the access summary');
    expect(f).toMatch(/^Users +reads yes · actions (\d+)\/\1$/m);
    expect(f).not.toMatch(/reads NO/);
    expect(f).toMatch(/ root .*✓ ok/);
  });

  it('v before any test says to test first', async () => {
    addProfile('weak', 'weak', 'weak-pw');
    const tui = await tuis.start();
    await tui.waitFor((f) => /\bweak\b/.test(f), 'the profile listed');
    tui.press('profiles.access');
    await tui.waitFor((f) => f.includes('press t to test it first'), 'the hint');
  });
});
