// Keys as a terminal delivers them: bursts (paste, SSH type-ahead) and hostile sequences.
import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { render, Text, useInput } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { keyUnits } from '../../src/ui/terminal/key-units.js';
import { KeyStream } from '../../src/ui/terminal/key-stream.js';
import { openJournal } from '../../src/journal/journal.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { bootApp } from '../../src/ui/boot.js';
import { startTui, tempXdg } from '../helpers/tui.js';
import type { Tui, XdgDirs } from '../helpers/tui.js';
import { letTimePass, until } from '../helpers/until.js';

/** A fake terminal stdin: what the tests write arrives as one chunk, like a paste. */
class FakeTty extends EventEmitter {
  isTTY = true;
  private chunks: string[] = [];
  setRawMode() {}
  setEncoding() {}
  ref() {}
  unref() {}
  pause() {}
  resume() {}
  read() {
    return this.chunks.shift() ?? null;
  }
  paste(s: string) {
    this.chunks.push(s);
    this.emit('readable');
  }
}
class Out extends EventEmitter {
  columns = 100;
  rows = 30;
  write = () => true;
}

describe('keyUnits', () => {
  it('splits a burst into one key per unit and keeps real key sequences whole', () => {
    expect(keyUnits('ab\rc')).toEqual(['a', 'b', '\r', 'c']);
    expect(keyUnits('\x1b[A\x1b[B\x1b[5~\x1b[Z\x1bOP')).toEqual([
      '\x1b[A',
      '\x1b[B',
      '\x1b[5~',
      '\x1b[Z',
      '\x1bOP',
    ]);
    expect(keyUnits('\x7f\x7f')).toEqual(['\x7f', '\x7f']);
    expect(keyUnits('😀é')).toEqual(['😀', 'é']);
    expect(keyUnits('\x1bx')).toEqual(['\x1bx']);
    expect(keyUnits('\x1b')).toEqual(['\x1b']);
  });
  it('drops what no keyboard sends: SGR colours, OSC 52 / OSC 8, C1 controls', () => {
    expect(keyUnits('\x1b[31mX\x1b[0m')).toEqual(['X']);
    expect(keyUnits('\x1b]52;c;aGk=\x07Y')).toEqual(['Y']);
    expect(keyUnits('\x1b]8;;http://x\x1b\\Z')).toEqual(['Z']);
    expect(keyUnits('\x9b31m')).toEqual(['3', '1', 'm']);
  });

  it('whatever arrives, Ink never throws and nothing hostile reaches a handler', async () => {
    const seen: string[] = [];
    const failures: unknown[] = [];
    const onError = (e: unknown) => failures.push(e);
    process.on('uncaughtException', onError);
    function Probe() {
      useInput((input) => {
        seen.push(input);
      });
      return <Text>probe</Text>;
    }
    const tty = new FakeTty();
    const ink = render(<Probe />, {
      stdin: new KeyStream(tty as unknown as NodeJS.ReadStream) as unknown as NodeJS.ReadStream,
      stdout: new Out() as unknown as NodeJS.WriteStream,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    });
    try {
      const hostile = fc.constantFrom(
        '\x1b[31m',
        '\x1b[2J',
        '\x1b]52;c;aGk=\x07',
        '\x1b]8;;http://x\x1b\\',
        '\x1b[?1049h',
        '\x1bP1$r\x1b\\',
        '\x9b',
        '\r',
        '\x1b[1;5A',
        '\x1b[200~',
        '\x1b[201~',
        '\x1b',
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(hostile, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 8 }),
          async (parts) => {
            tty.paste(parts.join(''));
            await new Promise((r) => setImmediate(r));
          },
        ),
        { numRuns: 200 },
      );
      // A trailing lone ESC is held until Ink's escape timer fires: what it then releases is
      // checked too, so the timer's time passing is part of the input under test.
      await letTimePass(50);
    } finally {
      ink.unmount();
      process.off('uncaughtException', onError);
    }
    expect(failures).toEqual([]);
    for (const s of seen) expect(s).not.toMatch(/\x1b\[[0-9;]*m|\x1b\]/);
  });
});

describe('bursts in the console', () => {
  let xdg: XdgDirs;
  let tui: Tui | undefined;
  afterEach(async () => {
    await tui?.stop();
    tui = undefined;
    xdg.cleanup();
  });

  it('keys right behind a pane switch, in one chunk, reach the pane switched to', async () => {
    xdg = tempXdg();
    const { store: profiles } = openProfileStore();
    const app = await bootApp({ profiles, journal: openJournal(), heartbeatMs: 0 });
    const tty = new FakeTty();
    const ink = render(
      app.element(() => {}),
      {
        stdin: new KeyStream(tty as unknown as NodeJS.ReadStream) as unknown as NodeJS.ReadStream,
        stdout: new Out() as unknown as NodeJS.WriteStream,
        exitOnCtrlC: false,
        patchConsole: false,
      },
    );
    const ui = () => app.store.get().ui;
    const settled = (test: () => boolean, what: string) => until(test, what, 2000, 10);
    try {
      tty.paste('1');
      await settled(() => ui().pane === 'users', 'on Users');
      // What `tmux send-keys 3 / cmd=get Enter` or SSH type-ahead delivers: one chunk.
      tty.paste('3/cmd=get\r');
      await settled(() => ui().filters.clients === 'cmd=get' && !ui().filtering, 'Clients filtered');
      expect(ui().pane).toBe('clients');
      expect(ui().filters.users ?? '').toBe('');
      tty.paste('1/def\r');
      await settled(() => ui().filters.users === 'def' && !ui().filtering, 'Users filtered');
      expect(ui().filters.clients).toBe('cmd=get');
    } finally {
      ink.unmount();
      await app.close();
    }
  });

  it('a pasted form fill with Enters lands field by field', async () => {
    xdg = tempXdg();
    tui = await startTui();
    tui.press('profiles.new');
    await tui.waitFor((f) => f.includes('New profile'), 'form');
    for (const unit of keyUnits('burst\r10.0.0.9\r6380\r')) tui.key(unit);
    const f = await tui.waitFor((f) => f.includes('6380'), 'filled');
    expect(f).toMatch(/Name\s+burst\s/);
    expect(f).toMatch(/Host\s+10\.0\.0\.9/);
    expect(f).toMatch(/Port\s+6380/);
  });
});
