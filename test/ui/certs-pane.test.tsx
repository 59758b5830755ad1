// The Certs pane (key 5) against real servers: the wizard walked to a written deployment in a
// temp dir (files and modes, the preview, Esc back on every step), the refusals (a leaf
// outliving its CA, a world-writable directory), an existing file that needs a confirmation
// naming it, the live server's certificate shown, the reload refused read-only, 80x24.
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/domain/display.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import type { ConnectionSpec } from '../../src/profiles/schema.js';
import { tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';

let plain: RedisHandle;
let secure: RedisHandle;
const dirs: string[] = [];

beforeAll(async () => {
  [plain, secure] = await Promise.all([startRedis(), startRedis({ tls: true })]);
});
afterAll(async () => {
  await Promise.all([plain.stop(), secure.stop()]);
});
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const { start } = tuiPerTest();

function tempDir(mode = 0o700): string {
  const d = mkdtempSync(join(tmpdir(), 'rw-certs-'));
  chmodSync(d, mode);
  dirs.push(d);
  return d;
}

async function certsPane(opts: { readOnly?: boolean; spec?: ConnectionSpec } = {}): Promise<Tui> {
  const t = await start({
    connection: {
      spec: opts.spec ?? { host: plain.host, port: plain.port },
      readOnly: Boolean(opts.readOnly),
    },
  });
  await t.waitFor((f) => f.includes('● ready'), 'ready');
  t.press('pane.certs');
  await t.waitFor((f) => f.includes('the wizard'), 'the pane');
  return t;
}

const atStep = (t: Tui, n: number) => t.waitFor((f) => f.includes(`step ${n} of 8`), `step ${n}`);

/** Esc goes one step back and Enter comes back: on every step of the walk. */
async function backAndOn(t: Tui, n: number): Promise<void> {
  t.key('escape');
  await atStep(t, n - 1);
  t.key('return');
  await atStep(t, n);
}

/**
 * From the pane to step `last` with the defaults (a deployment, P-256, 1 y leaves); `each` runs
 * on every step on the way, `back` tries Esc and Enter on each.
 */
async function walkTo(t: Tui, last: number, opts: { back?: boolean; each?: () => void } = {}) {
  t.press('certs.new');
  for (let n = 1; n <= last; n++) {
    await atStep(t, n);
    opts.each?.();
    if (opts.back && n > 1) await backAndOn(t, n);
    if (n < last) t.key('return');
  }
}
const toWhere = (t: Tui, opts: { back?: boolean } = {}) => walkTo(t, 6, opts);

async function typeDir(t: Tui, dir: string): Promise<void> {
  t.key('ctrl+u');
  t.type(dir);
  await t.waitFor((f) => f.includes(dir.slice(-12)), 'the directory typed');
  t.key('return');
}

describe('the Certs pane', () => {
  it('walks the wizard to a written deployment: preview, files with 0600/0644, back on every step', async () => {
    const t = await certsPane();
    const dir = join(tempDir(), 'out');
    await toWhere(t, { back: true });
    await typeDir(t, dir);
    await atStep(t, 7);
    const preview = await t.waitFor((f) => f.includes('node-1.crt'), 'the preview table');
    expect(preview).toContain('ca.crt');
    expect(preview).toContain('CN=127.0.0.1');
    expect(preview).toContain('server+client');
    expect(existsSync(dir)).toBe(false);
    await backAndOn(t, 7);
    t.key('return');
    await atStep(t, 8);
    await t.waitFor((f) => f.includes('verified'), 'verified');
    const mode = (f: string) => statSync(join(dir, f)).mode & 0o777;
    expect(mode('ca.key')).toBe(0o600);
    expect(mode('node-1.key')).toBe(0o600);
    expect(mode('app.key')).toBe(0o600);
    expect(mode('ca.crt')).toBe(0o644);
    expect(mode('node-1.crt')).toBe(0o644);
    expect(mode('app.crt')).toBe(0o644);
    expect(t.frame()).toContain('wrote 0600');
    // The last step goes back to the preview too.
    t.key('escape');
    await atStep(t, 7);
  });

  it('refuses a leaf that outlives its CA, naming it', async () => {
    const t = await certsPane();
    await walkTo(t, 5);
    t.key('tab');
    t.key('ctrl+u');
    t.type('4000');
    await t.waitFor((f) => f.includes('4000'), 'typed');
    t.key('return');
    const f = await t.waitFor((x) => x.includes('would outlive'), 'the refusal');
    expect(f).toContain('step 5 of 8');
    expect(f).toContain('node-1');
  });

  it('points out a node that no SAN covers', async () => {
    const t = await certsPane();
    await walkTo(t, 3);
    t.key('down');
    t.key('tab');
    t.key('ctrl+u');
    t.type('redis.internal');
    const f = await t.waitFor((x) => x.includes('No SAN covers'), 'the warning');
    expect(f).toContain(`${plain.host}:${plain.port}`);
    // Ctrl-L offers localhost and 127.0.0.1: the node is covered again.
    t.key('\x0c');
    await t.waitFor(
      (x) => !x.includes('No SAN covers') && x.includes('redis.internal, localhost'),
      'covered',
    );
  });

  it('refuses a world-writable directory', async () => {
    const t = await certsPane();
    await toWhere(t);
    await typeDir(t, tempDir(0o777));
    const f = await t.waitFor((x) => /Refused: .* writable by group or others/.test(x), 'the refusal');
    expect(f).toContain('step 6 of 8');
  });

  it('writes over an existing file only after a confirmation that names it', async () => {
    const t = await certsPane();
    const dir = tempDir();
    writeFileSync(join(dir, 'ca.crt'), 'old', { mode: 0o644 });
    await toWhere(t);
    await typeDir(t, dir);
    const f = await t.waitFor((x) => x.includes('y overwrites'), 'the confirmation');
    expect(f).toContain('ca.crt');
    expect(f).toContain('step 6 of 8');
    t.type('y');
    await atStep(t, 7);
    t.key('return');
    await atStep(t, 8);
    await t.waitFor((x) => x.includes('verified'), 'written');
    expect(statSync(join(dir, 'ca.crt')).size).toBeGreaterThan(100);
  });

  it("shows the live server's certificate (C)", async () => {
    const t = await certsPane({
      spec: { host: secure.host, port: secure.port, tls: { enabled: true, cacert: secure.tls!.caPath } },
    });
    t.press('certs.check');
    const f = await t.waitFor((x) => x.includes('Live '), 'the live report');
    expect(f).toContain('CN=localhost');
    expect(f).toContain('127.0.0.1');
  });

  it('refuses the reload in read-only mode', async () => {
    const t = await certsPane({ readOnly: true });
    await toWhere(t);
    await typeDir(t, join(tempDir(), 'ro'));
    await atStep(t, 7);
    t.key('return');
    await atStep(t, 8);
    t.press('certs.reload');
    await t.waitFor((f) => f.includes('Read-only'), 'the refusal');
  });

  it('fits 80x24 on every step', async () => {
    const t = await certsPane();
    t.resize(80, 24);
    await t.waitFor((f) => f.split('\n')[0]!.length <= 80, '80 wide');
    const from = t.allFrames().length;
    const fits = () => {
      const lines = t.frame().split('\n');
      expect(lines.length).toBeLessThanOrEqual(24);
      for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    };
    await walkTo(t, 6, { each: fits });
    await typeDir(t, join(tempDir(), 'narrow'));
    await t.waitFor((f) => f.includes('node-1.crt'), 'the preview');
    fits();
    t.key('return');
    await t.waitFor((f) => f.includes('verified'), 'written');
    fits();
    for (const l of t.allFrames().slice(from).split('\n')) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
  });
});
