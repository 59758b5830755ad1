// Which ACL LOG events a client caused, for its detail view. Pure.
import type { ClientSummary } from '../acl-log/types.js';
import type { ClientInfo } from './types.js';

/**
 * Whether an event (ACL LOG entry of `node`, with the client-info of the client that caused it)
 * is this client's: the same node and the same client id, which Redis never reuses. Only an
 * entry without an id falls back to the address, and never a unix socket's: every client of a
 * socket prints the same one (`/path/redis.sock:0`).
 */
export function causedBy(event: { node: string; client: ClientSummary }, c: ClientInfo): boolean {
  if (event.node !== c.node) return false;
  const { id, addr } = event.client;
  if (id !== undefined) return id === c.id;
  return addr !== undefined && addr === c.addr && !addr.endsWith(':0');
}
