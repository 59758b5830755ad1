// The : palette runs actions: it lists the pane's keys and the global ones, found by what is
// typed, and Enter does what the key does (the same handler); a greyed one says why and does
// nothing. Against a real server, at 100x24 and 80x24.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { loginTo, tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';

let server: RedisHandle;
const tuis = tuiPerTest();

beforeAll(async () => {
  server = await startRedis({
    aclUsers: ['user default off', 'user admin on >adm-pw ~* &* +@all', 'user app on >app-pw ~app:* +get'],
  });
});
afterAll(async () => {
  await server.stop();
});

const connection = () => loginTo(server, 'admin', 'adm-pw');

async function palette(tui: Tui, text: string) {
  tui.press('app.palette');
  await tui.waitFor((f) => f.includes('Enter runs'), 'the palette');
  tui.type(text);
  return tui.waitFor((f) => f.includes(`:${text}`), `":${text}" typed`);
}

describe('the palette runs actions', () => {
  it(':sort + Enter sorts the Users list as s does; :s shows the key beside it', async () => {
    const tui = await tuis.start({ connection: connection() });
    await tui.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'the Users list');
    const f = await palette(tui, 's');
    expect(f).toMatch(/› s\s+Sort by the next column/);
    tui.type('ort');
    await tui.waitFor((f) => f.includes(':sort'), 'typed');
    tui.key('return');
    await tui.waitFor((f) => !f.includes('Enter runs'), 'the palette closed');
    await tui.waitFor(() => tui.app.store.get().users.sort.by === 'status', 'sorted by the next column');
    // The key itself does the same next step.
    tui.press('users.sort');
    await tui.waitFor(() => tui.app.store.get().users.sort.by === 'clients', 'the key: the next one');
  });

  it('runs when :, the text and Enter come in one burst (type-ahead over SSH)', async () => {
    const tui = await tuis.start({ connection: connection() });
    await tui.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'the Users list');
    tui.press('app.palette');
    tui.type('sort');
    tui.key('return');
    await tui.waitFor(() => tui.app.store.get().users.sort.by === 'status', 'sorted by the next column');
  });

  it('Enter on :open opens the highlighted user as Enter in the list does (the pane handler)', async () => {
    const tui = await tuis.start({ connection: connection() });
    await tui.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'the Users list');
    await palette(tui, 'open the user');
    tui.key('return');
    await tui.waitFor((f) => f.includes('~*') && !f.includes('Enter runs'), 'the detail of admin');
  });

  it(':w finds the save; read-only greys it with the reason, and Enter says why and does nothing', async () => {
    const tui = await tuis.start({ connection: connection(), forcedReadOnly: true });
    await tui.waitFor((f) => f.includes('COMMANDS') && f.includes('app'), 'the Users list');
    const f = await palette(tui, 'w');
    expect(f).toMatch(/› w\s+\(read-only\) Write the users to disk/);
    tui.key('return');
    await tui.waitFor((f) => f.includes('not available, read-only'), 'the reason');
    expect(tui.app.store.get().ui.overlay).toBeNull();
    expect(tui.allFrames()).not.toContain('ACL SAVE on');
  });

  it('not connected: the pane keys are greyed "not connected"; the global ones run', async () => {
    const tui = await tuis.start({ pane: 'users' });
    const f = await palette(tui, 'sort');
    expect(f).toContain('(not connected) Sort by the next column');
    tui.key('return');
    await tui.waitFor((f) => f.includes('not available, not connected'), 'the reason');
    expect(tui.app.store.get().users.sort.by).toBe('name');
    await palette(tui, 'profiles');
    tui.key('return');
    await tui.waitFor((f) => f.includes('No saved profiles'), ':profiles still switches panes');
  });

  it('fits 80x24: the list scrolls with ↑/↓ to every entry', async () => {
    const tui = await tuis.start({ connection: connection() });
    tui.resize(80, 24);
    await tui.waitFor((f) => f.includes('COMMANDS'), 'the Users list');
    tui.press('app.palette');
    const first = await tui.waitFor((f) => f.includes('Enter runs'), 'the palette');
    const total = Number(/(\d+) found \(1-(\d+)\)/.exec(first)?.[1]);
    expect(total).toBeGreaterThan(20);
    for (const line of first.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    for (let i = 0; i < total; i++) tui.key('down');
    const end = await tui.waitFor((f) => new RegExp(`-${total}\\)`).test(f), 'scrolled to the last');
    // The list keys come last; ↑ answers at once.
    expect(end).toMatch(/› (G|End)\s+Last row/);
    tui.key('up');
    await tui.waitFor((f) => /› g\s+First row/.test(f), 'one up');
  });
});
