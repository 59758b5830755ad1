// A handshake that does not complete is named as a Target's links name it (peer.ts): nothing
// listening, a peer that stays silent (a plain port), an HTTP or SSH server, one that closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandshakeError, tlsHandshake } from '../../src/redis/tls-handshake.js';
import { startPeer } from '../support/fake-peers.js';
import type { PeerHandle, PeerKind } from '../support/fake-peers.js';
import { freePort } from '../support/ports.js';

const kinds: PeerKind[] = ['silent', 'close', 'http', 'ssh'];
const peers = new Map<PeerKind, PeerHandle>();
beforeAll(async () => {
  for (const k of kinds) peers.set(k, await startPeer(k));
});
afterAll(async () => {
  for (const p of peers.values()) await p.close();
});

async function failure(port: number, timeoutMs = 1500) {
  const err = await tlsHandshake({ host: '127.0.0.1', port, timeoutMs }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HandshakeError);
  return (err as HandshakeError).explained;
}

describe('tlsHandshake failures', () => {
  it('a silent peer: no TLS answer, likely a plain port (SEC004), within the bound', async () => {
    const started = Date.now();
    expect(await failure(peers.get('silent')!.port, 600)).toMatchObject({
      name: 'NO_TLS_ANSWER',
      code: 'SEC004',
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });
  it('an HTTP server and an SSH server are named by what they sent', async () => {
    const http = await failure(peers.get('http')!.port);
    expect(http.name).toBe('NOT_REDIS');
    expect(http.message).toContain('HTTP/1.1');
    const ssh = await failure(peers.get('ssh')!.port);
    expect(ssh.cause).toContain('an SSH server');
  });
  it('a peer that closes at once, and nothing listening', async () => {
    expect((await failure(peers.get('close')!.port)).message).toBe(
      'the server closed the connection without answering',
    );
    expect(await failure(await freePort())).toMatchObject({ name: 'UNREACHABLE' });
  });
});
