// Runs the real console (bootApp: the same wiring as the TUI) under ink-testing-library,
// with temp XDG dirs, and helpers to press keys by command id and wait for frames.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach } from 'vitest';
import { openJournal } from '../../src/journal/journal.js';
import { openProfileStore } from '../../src/profiles/store.js';
import { bootApp } from '../../src/ui/boot.js';
import type { BootOptions, Booted } from '../../src/ui/boot.js';
import { bytesFor, keyOf } from './keys.js';
import { until } from './until.js';

export interface XdgDirs {
  config: string;
  state: string;
  cleanup: () => void;
}

/** The journal's entries of one action, oldest first (what the console wrote for an auditor). */
export function journalOf(xdg: XdgDirs, action: string): { outcome?: string; detail?: unknown }[] {
  const file = join(xdg.state, 'redis-warden', 'journal.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { action?: string; outcome?: string; detail?: unknown })
    .filter((e) => e.action === action);
}

/** Fresh XDG_CONFIG_HOME / XDG_STATE_HOME for one test; restored by cleanup(). */
export function tempXdg(): XdgDirs {
  const root = mkdtempSync(join(tmpdir(), 'rw-xdg-'));
  const saved = { config: process.env.XDG_CONFIG_HOME, state: process.env.XDG_STATE_HOME };
  process.env.XDG_CONFIG_HOME = join(root, 'config');
  process.env.XDG_STATE_HOME = join(root, 'state');
  return {
    config: process.env.XDG_CONFIG_HOME,
    state: process.env.XDG_STATE_HOME,
    cleanup: () => {
      if (saved.config === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved.config;
      if (saved.state === undefined) delete process.env.XDG_STATE_HOME;
      else process.env.XDG_STATE_HOME = saved.state;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A connection as the console resolves it from flags: user and password on a test server. */
export const loginTo = (server: { host: string; port: number }, user: string, password: string) => ({
  spec: { host: server.host, port: server.port, user },
  password,
  readOnly: false,
});

export interface Tui {
  app: Booted;
  frame: () => string;
  /** Every frame rendered so far, joined: to prove something never appeared at all. */
  allFrames: () => string;
  press: (commandId: string) => void;
  key: (name: string) => void;
  type: (text: string) => void;
  waitFor: (test: (frame: string) => boolean, what: string, timeoutMs?: number) => Promise<string>;
  quitCalled: () => boolean;
  /** ink-testing-library draws 100 columns by 24 rows: a test of another size sets it here. */
  resize: (columns: number, rows: number) => void;
  stop: () => Promise<void>;
}

export async function startTui(opts: Partial<BootOptions> = {}): Promise<Tui> {
  const { store: profiles } = openProfileStore();
  const journal = openJournal();
  const app = await bootApp({ profiles, journal, heartbeatMs: 0, ...opts });
  let quit = false;
  const r = render(app.element(() => (quit = true)));
  const frame = () => r.lastFrame() ?? '';
  const write = (s: string) => r.stdin.write(s);
  return {
    app,
    frame,
    allFrames: () => r.frames.join('\n'),
    press: (id) => write(keyOf(id)),
    key: (name) => write(bytesFor(name)),
    type: (text) => {
      for (const ch of text) write(ch);
    },
    async waitFor(test, what, timeoutMs = 8000) {
      const f = await until(
        () => {
          const now = frame();
          return test(now) && { now };
        },
        () => `${what}; last frame:\n${frame()}`,
        timeoutMs,
        15,
      );
      return f.now;
    },
    quitCalled: () => quit,
    resize(columns, rows) {
      const size = {
        columns: { value: columns, configurable: true },
        rows: { value: rows, configurable: true },
      };
      Object.defineProperties(r.stdout, size);
      r.stdout.emit('resize');
    },
    async stop() {
      r.unmount();
      await app.close();
    },
  };
}

/**
 * The hooks a TUI test file needs, registered once: fresh XDG dirs for each test, and the
 * console it started stopped after it. `start` opens the console for the current test.
 */
export function tuiPerTest(): { start: (opts?: Partial<BootOptions>) => Promise<Tui> } {
  let xdg: XdgDirs | undefined;
  let tui: Tui | undefined;
  beforeEach(() => {
    xdg = tempXdg();
  });
  afterEach(async () => {
    await tui?.stop();
    tui = undefined;
    xdg?.cleanup();
  });
  return { start: async (opts) => (tui = await startTui(opts)) };
}
