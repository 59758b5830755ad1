// A client's own ACL LOG events (its detail view): by node and client id, never by a unix
// socket's shared address.
import { describe, expect, it } from 'vitest';
import { causedBy } from '../../../src/domain/clients/events.js';
import { client } from './fixture.js';

const sock = '/tmp/redis.sock:0';

describe('causedBy', () => {
  it('matches the same client id on the same node only', () => {
    const c = client({ id: '5', addr: '10.0.0.5:50000' });
    expect(causedBy({ node: c.node, client: { id: '5', addr: '10.0.0.5:50000' } }, c)).toBe(true);
    expect(causedBy({ node: 'other:6379', client: { id: '5' } }, c)).toBe(false);
    // The same address, another connection (a port reused, or one socket for all).
    expect(causedBy({ node: c.node, client: { id: '4', addr: '10.0.0.5:50000' } }, c)).toBe(false);
  });

  it('falls back to a TCP address only when the entry has no id, never to a socket address', () => {
    const tcp = client({ id: '5', addr: '10.0.0.5:50000' });
    expect(causedBy({ node: tcp.node, client: { addr: '10.0.0.5:50000' } }, tcp)).toBe(true);
    const unix = client({ id: '5', addr: sock });
    expect(causedBy({ node: unix.node, client: { addr: sock } }, unix)).toBe(false);
    expect(causedBy({ node: unix.node, client: { id: '4', addr: sock } }, unix)).toBe(false);
    expect(causedBy({ node: unix.node, client: { id: '5', addr: sock } }, unix)).toBe(true);
  });
});
