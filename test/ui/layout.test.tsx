// 80x24, resizing, NO_COLOR and hostile server strings in the shell, on a real server.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import { bootApp } from '../../src/ui/boot.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { openJournal } from '../../src/journal/journal.js';
import { bytesFor } from '../helpers/keys.js';
import { until } from '../helpers/until.js';

/** A terminal whose size the test sets (ink-testing-library's is fixed at 100 columns). */
class Screen extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (s: string) => {
    this.frames.push(s);
    return true;
  };
  last = () => this.frames.at(-1) ?? '';
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}
class Keys extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  press(s: string) {
    this.data = s;
    this.emit('readable');
  }
}

const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const ESC = '\x1b';

let server: RedisHandle;
const xdg = tempXdg();
beforeAll(async () => {
  server = await startRedis({
    aclUsers: ['user default off', `user ev${ESC}[31mil${ESC}]52;c;aGk=\x07‮ on >hostile-pw ~* &* +@all`],
  });
});
afterAll(async () => {
  await server.stop();
  xdg.cleanup();
});

async function mount(columns: number, rows: number, env: { noColor?: boolean } = {}) {
  const app = await bootApp({
    profiles: openProfileStore().store,
    journal: openJournal(),
    connection: {
      spec: { host: server.host, port: server.port, user: `ev${ESC}[31mil${ESC}]52;c;aGk=\x07‮` },
      password: 'hostile-pw',
      readOnly: false,
    },
    noColor: env.noColor,
    heartbeatMs: 0,
  });
  const screen = new Screen(columns, rows);
  const keys = new Keys();
  const ink = render(
    app.element(() => undefined),
    { stdout: screen as never, stdin: keys as never, debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  const waitFor = async (test: (f: string) => boolean, what: string) => {
    await until(
      () => test(screen.last()),
      () => `${what}:\n${screen.last()}`,
      8000,
    );
    return screen.last();
  };
  return {
    app,
    screen,
    keys,
    waitFor,
    stop: async () => {
      ink.unmount();
      await app.close();
    },
  };
}

let stopper: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopper?.();
  stopper = undefined;
});

describe('layout', () => {
  it('fits 80x24: no line wider than 80, no more than 23 rows, all seven tabs on one line', async () => {
    const m = await mount(80, 24);
    stopper = m.stop;
    const f = visible(await m.waitFor((f) => f.includes('● ready'), 'ready'));
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/1 Users.*7 Profiles/);
    m.keys.press(bytesFor('?'));
    const help = visible(await m.waitFor((f) => f.includes('Keys — Esc closes'), 'help'));
    for (const l of help.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('resizes cleanly', async () => {
    const m = await mount(120, 40);
    stopper = m.stop;
    await m.waitFor((f) => f.includes('● ready'), 'ready');
    m.screen.resize(80, 24);
    const f = visible(await m.waitFor((f) => visible(f).split('\n').length <= 23, 'smaller frame'));
    for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('server strings are shown escaped, never emitted (a username with CSI, OSC 52, BEL and a bidi override)', async () => {
    const m = await mount(160, 30);
    stopper = m.stop;
    const f = await m.waitFor((f) => f.includes('● ready'), 'ready');
    expect(f).toContain('as ev\\x1b[31mil\\x1b]52;c;aGk=\\x07\\u202e');
    expect(f).not.toContain(`${ESC}]52`);
    expect(f).not.toContain('\x07');
    expect(f).not.toContain('‮');
    expect(f).not.toContain('hostile-pw');
  });

  it('NO_COLOR renders without colour codes', async () => {
    const m = await mount(100, 30, { noColor: true });
    stopper = m.stop;
    const f = await m.waitFor((f) => f.includes('● ready'), 'ready');
    expect(f).not.toMatch(/\x1b\[3[0-9](;[0-9]+)*m|\x1b\[38;/);
  });
});

describe('crowded screens', () => {
  it('a failing connection, 20 profiles and a long message still fit 80x24, and the list scrolls', async () => {
    const store = openProfileStore().store;
    for (let i = 0; i < 20; i++)
      store.add(
        {
          name: `p${String(i).padStart(2, '0')}`,
          host: '127.0.0.1',
          port: 1000 + i,
          password: { kind: 'none' },
        },
        { replace: true },
      );
    const app = await bootApp({
      profiles: store,
      journal: openJournal(),
      connection: {
        spec: { host: server.host, port: server.port, user: 'nobody' },
        password: 'wrong',
        readOnly: false,
      },
      pane: 'profiles',
      heartbeatMs: 0,
    });
    app.actions.ui.say(
      'A long message that must wrap onto a second row rather than be cut off before the part that matters: lasts until reboot',
      'warning',
    );
    const screen = new Screen(80, 24);
    const keys = new Keys();
    const ink = render(
      app.element(() => undefined),
      { stdout: screen as never, stdin: keys as never, debug: true, exitOnCtrlC: false, patchConsole: false },
    );
    stopper = async () => {
      ink.unmount();
      await app.close();
    };
    await until(
      () => screen.last().includes('SEC002'),
      () => `SEC002:\n${screen.last()}`,
    );
    const f = visible(screen.last());
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    expect(f).toContain('SEC002 WRONGPASS');
    expect(f).toContain('lasts until reboot');
    expect(f).toMatch(/1-\d+ of 20/);
    keys.press(bytesFor('G'));
    await until(
      () => visible(screen.last()).includes('p19'),
      () => `p19:\n${screen.last()}`,
      2000,
    );
    expect(visible(screen.last())).toContain('p19');
    expect(visible(screen.last()).split('\n').length).toBeLessThanOrEqual(23);
  });
});
