// Ctrl-C and SIGTERM end any headless command within a second, with 128 + the signal's number
// and no stack trace: while it waits on a server that never answers, and while it computes
// (a preload stands in for a long computation: a loop that never yields to the event loop).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer } from '../support/fake-peers.js';
import type { PeerHandle } from '../support/fake-peers.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { scratch } from './acl-cli.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'redis-warden.js');
let silent: PeerHandle;
let xdg: XdgDirs;
let files: ReturnType<typeof scratch>;
let busy: string;

beforeAll(async () => {
  xdg = tempXdg();
  files = scratch();
  silent = await startPeer('silent');
  busy = files.file('busy.cjs', [
    "const fs = require('node:fs');",
    // Once the command runs (its connection is open), hog the thread for 30 s.
    'setTimeout(() => { fs.writeSync(2, "BUSY\\n"); const t = Date.now(); while (Date.now() - t < 30000) {} }, 1500).unref();',
  ]);
});
afterAll(async () => {
  await silent.close();
  files.cleanup();
  xdg.cleanup();
});

/** Runs the bin, sends `signal` once stderr shows `ready` (else after 1 s), and says how it ended and how fast. */
function interrupt(signal: NodeJS.Signals, preload: string[], ready: RegExp | undefined, args: string[]) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; stderr: string }>(
    (resolve) => {
      const child = spawn('node', [...preload, BIN, ...args], {
        env: { ...process.env, REDISCLI_AUTH: '' },
      });
      let stderr = '';
      let sentAt = 0;
      const send = () => {
        if (sentAt) return;
        sentAt = Date.now();
        child.kill(signal);
      };
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (ready?.test(stderr)) send();
      });
      if (!ready) setTimeout(send, 1000);
      const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.on('exit', (code, sig) => {
        clearTimeout(guard);
        resolve({ code, signal: sig, ms: Date.now() - sentAt, stderr });
      });
    },
  );
}

const exitCode = (r: { code: number | null; signal: NodeJS.Signals | null }) =>
  r.code ?? (r.signal === 'SIGINT' ? 130 : r.signal === 'SIGTERM' ? 143 : -1);

describe('signals end a headless command', () => {
  it.each([
    ['SIGTERM', 'waits on a silent server', 143],
    ['SIGINT', 'waits on a silent server', 130],
    ['SIGTERM', 'computes without yielding', 143],
    ['SIGINT', 'computes without yielding', 130],
  ] as const)('%s while it %s: within a second, exit %i', async (signal, doing, code) => {
    const busyNow = doing.startsWith('computes');
    const r = await interrupt(signal, busyNow ? ['-r', busy] : [], busyNow ? /BUSY/ : undefined, [
      'acl',
      'list',
      '-p',
      String(silent.port),
      '--timeout',
      '60000',
    ]);
    expect(exitCode(r)).toBe(code);
    // A liveness bound, generous for a loaded machine.
    expect(r.ms).toBeLessThan(3000);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
