// Pointed at something that is not Redis, a headless command says what is there (HTTP, TLS,
// SSH, a server that closes at once or says nothing), within its one time bound, and says how
// long it really waited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPeer } from '../support/fake-peers.js';
import type { PeerHandle, PeerKind } from '../support/fake-peers.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

let xdg: XdgDirs;
const peers: Partial<Record<PeerKind | 'tls', PeerHandle>> = {};

beforeAll(async () => {
  xdg = tempXdg();
  for (const kind of ['silent', 'close', 'http', 'ssh'] as const) peers[kind] = await startPeer(kind);
  // A TLS server answering a plain client with an alert record.
  peers.tls = await startPeer('tls-alert');
});
afterAll(async () => {
  for (const p of Object.values(peers)) await p?.close();
  xdg.cleanup();
});

const list = (peer: PeerHandle | undefined, ...more: string[]) =>
  cli(['acl', 'list', '-p', String(peer?.port), ...more]);

describe('a port that is not Redis', () => {
  it.each([
    ['http', /NOT_REDIS: the server answered "HTTP\/1\.1 400 Bad Request"/, /an HTTP server/],
    ['ssh', /NOT_REDIS: the server answered "SSH-2\.0-OpenSSH_9\.2p1 Debian-2"/, /an SSH server/],
    ['tls', /SEC004 NOT_REDIS: the server answered with a TLS record/, /speaks TLS .* without --tls/],
    ['close', /NOT_REDIS: the server closed the connection without answering/, /closes them without a word/],
  ] as const)(
    '%s: says what is there, never "Unknown RESP type ... Please report this"',
    async (kind, said, cause) => {
      const r = await list(peers[kind]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(said);
      expect(r.stderr).toMatch(cause);
      expect(r.stderr).not.toMatch(/RESP type|report this/);
    },
  );

  it('a silent server: the message says the real time waited, and the command ends within its one bound', async () => {
    const t0 = Date.now();
    const r = await list(peers.silent, '--timeout', '1500');
    const took = Date.now() - t0;
    expect(r.code).toBe(2);
    // The probe's PING is waited for half the bound (replyWaitMs), then the silence is said.
    const silent = /SILENT: the server accepted the connection and sent nothing back in (\d+\.\d) s/.exec(
      r.stderr,
    );
    const waited = /after (\d+\.\d) s of the 1\.5 s time bound/.exec(r.stderr);
    for (const s of [silent?.[1], waited?.[1]]) {
      expect(Number(s)).toBeGreaterThanOrEqual(0.5);
      expect(Number(s)).toBeLessThanOrEqual(1.6);
    }
    // A liveness bound, not a performance figure: start-up plus the bound plus slack.
    expect(took).toBeLessThan(1500 + 3000);
  });
});
