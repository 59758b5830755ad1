// What the console says of a server that is not Redis: the pure classifier, and the same
// explanation reaching the TUI header through a real connection's status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLine, lookOf } from '../../src/redis/peer.js';
import { Target } from '../../src/redis/target.js';
import { summarize } from '../../src/ui/shell/connection-summary.js';
import { startPeer } from '../support/fake-peers.js';
import type { PeerHandle } from '../support/fake-peers.js';

describe('lookOf / firstLine', () => {
  it.each([
    ['HTTP/1.1 400 Bad Request\r\n\r\n', 'http'],
    ['SSH-2.0-OpenSSH_9.2p1\r\n', 'ssh'],
    ['\x15\x03\x03\x00\x02\x02\x32', 'tls'],
    ['\x16\x03\x01\x00\x40', 'tls'],
    ['220 smtp ready\r\n', 'other'],
    ['', 'closed'],
  ] as const)('%j -> %s', (text, look) => {
    expect(lookOf(Buffer.from(text, 'latin1'))).toBe(look);
  });

  it('keeps only inert ASCII of the first line, at most 60 characters', () => {
    expect(firstLine(Buffer.from('HTTP/1.1 400\x1b[31m Bad\u202e\r\nSecret: body', 'utf8'))).toBe(
      'HTTP/1.1 400?[31m Bad???',
    );
    expect(firstLine(Buffer.alloc(500, 0x41))).toHaveLength(60);
  });
});

describe('the TUI header for an HTTP server', () => {
  let peer: PeerHandle;
  beforeAll(async () => {
    peer = await startPeer('http');
  });
  afterAll(async () => {
    await peer.close();
  });

  it('the node fails with NOT_REDIS and says it is an HTTP server', async () => {
    const target = new Target({ spec: { port: peer.port }, heartbeatMs: 0 });
    target.start();
    try {
      await expect.poll(() => target.status().nodes[0]?.state, { timeout: 5000 }).toBe('failed');
      const e = target.status().nodes[0]?.error;
      expect(e?.name).toBe('NOT_REDIS');
      expect(e?.message).toBe('the server answered "HTTP/1.1 400 Bad Request"');
      expect(e?.cause).toMatch(/does not speak the Redis protocol: it is an HTTP server/);
      expect(summarize(target.status(), Date.now()).text).toBe('✗ failed NOT_REDIS');
    } finally {
      await target.close();
    }
  });
});
