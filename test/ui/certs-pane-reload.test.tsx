// The live reload from the wizard's last step on a real TLS server: signed with the server's
// own CA, `o` asks, CONFIG SET through tls.reload, then the handshake shows the new serial;
// journaled.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { journalOf, tuiPerTest } from '../helpers/tui.js';
import type { Tui } from '../helpers/tui.js';

let server: RedisHandle;
let root: string;
beforeAll(async () => {
  server = await startRedis({ tls: true });
  root = mkdtempSync(join(tmpdir(), 'rw-certs-reload-'));
});
afterAll(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});
const { start } = tuiPerTest();
const atStep = (t: Tui, n: number) => t.waitFor((f) => f.includes(`step ${n} of 8`), `step ${n}`);

describe('the Certs pane: the live reload', () => {
  it('loads the new files into the running server, then the handshake shows the new serial', async () => {
    const caKey = join(root, 'ca.key');
    writeFileSync(caKey, server.tls!.ca.keyPem, { mode: 0o600 });
    const t = await start({
      connection: {
        spec: { host: server.host, port: server.port, tls: { enabled: true, cacert: server.tls!.caPath } },
        readOnly: false,
      },
    });
    await t.waitFor((f) => f.includes('● ready'), 'ready');
    t.press('pane.certs');
    await t.waitFor((f) => f.includes('the wizard'), 'the pane');
    t.press('certs.new');
    await atStep(t, 1);
    for (let i = 0; i < 4; i++) t.key('down');
    t.key('return');
    await t.waitFor((f) => f.includes('CA certificate file'), 'the fields');
    t.type(server.tls!.caPath);
    t.key('tab');
    t.type(caKey);
    t.key('tab');
    t.key('return');
    for (const n of [2, 3, 4, 5, 6]) {
      await atStep(t, n);
      if (n < 6) t.key('return');
    }
    t.key('ctrl+u');
    t.type(join(root, 'out'));
    t.key('return');
    await atStep(t, 7);
    t.key('return');
    await t.waitFor((f) => f.includes('verified'), 'written');
    t.press('certs.reload');
    await t.waitFor((f) => f.includes('Load the new files'), 'the confirmation');
    t.key('y');
    const f = await t.waitFor((x) => /Reload: Done: .*new serial ([0-9A-F]+)/.test(x), 'reloaded', 15_000);
    const serial = /new serial ([0-9A-F]+)/.exec(f)![1]!;
    await t.waitFor((x) => x.includes(`serial   ${serial}`), 'the handshake shows it');
    expect(journalOf({ state: process.env.XDG_STATE_HOME! } as never, 'tls.reload').at(-1)?.outcome).toBe(
      'ok',
    );
  });
});
