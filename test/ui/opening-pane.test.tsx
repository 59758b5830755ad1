// Open where the work is: Users when there is something to connect to, Profiles when there is
// not, a profile's own pane, and --pane over both. Against a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { loginTo, tuiPerTest } from '../helpers/tui.js';
import { resolveConnection } from '../../src/state/session.js';
import { openProfileStore } from '../../src/profiles/store.js';

let server: RedisHandle;
const tuis = tuiPerTest();

beforeAll(async () => {
  server = await startRedis({ aclUsers: ['user default off', 'user admin on >adm-pw ~* &* +@all'] });
});
afterAll(async () => {
  await server.stop();
});

const connection = () => loginTo(server, 'admin', 'adm-pw');

/** A saved profile, resolved as `--profile NAME` resolves it. */
async function viaProfile(pane?: string) {
  process.env.OPENING_PANE_PW = 'adm-pw';
  const profile = {
    name: 'work',
    host: server.host,
    port: server.port,
    user: 'admin',
    password: { kind: 'env' as const, name: 'OPENING_PANE_PW' },
    ...(pane && { pane }),
  };
  openProfileStore().store.add(profile);
  return resolveConnection(
    { profile, override: {} },
    { interactive: false, prompt: () => Promise.resolve('') },
  );
}

describe('the opening pane', () => {
  it('opens on Users with an address given (-p)', async () => {
    const tui = await tuis.start({ connection: connection() });
    await tui.waitFor((f) => f.includes('COMMANDS') && f.includes('admin'), 'the Users list');
    expect(tui.app.store.get().ui.pane).toBe('users');
  });

  it('opens on Profiles with nothing to connect to', async () => {
    const tui = await tuis.start();
    await tui.waitFor((f) => f.includes('No saved profiles'), 'the Profiles pane');
    expect(tui.app.store.get().ui.pane).toBe('profiles');
  });

  it("opens on the profile's pane, by its id or palette name", async () => {
    const tui = await tuis.start({ connection: await viaProfile('log') });
    await tui.waitFor((f) => f.includes('REASON') && f.includes('OBJECT'), 'the ACL Log');
    expect(tui.app.store.get().ui.pane).toBe('acl-log');
  });

  it('a profile without a pane opens on Users', async () => {
    const tui = await tuis.start({ connection: await viaProfile() });
    await tui.waitFor((f) => f.includes('COMMANDS') && f.includes('admin'), 'the Users list');
  });

  it('a profile naming a pane this version lacks opens on Users and says so', async () => {
    const conn = { ...connection(), profileName: 'work', pane: 'graphs' };
    const tui = await tuis.start({ connection: conn });
    await tui.waitFor((f) => f.includes('no pane "graphs"'), 'the warning');
    expect(tui.app.store.get().ui.pane).toBe('users');
  });

  it("--pane wins over the profile's pane and the rule", async () => {
    const tui = await tuis.start({ connection: await viaProfile('log'), pane: 'clients' });
    await tui.waitFor((f) => f.includes('HIGHLIGHT'), 'the Clients pane');
    expect(tui.app.store.get().ui.pane).toBe('clients');
  });
});
