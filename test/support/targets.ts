import type { ConnectionOptions } from 'node:tls';
import type { RedisHandle } from './redis-instance.js';
import type { RawTarget } from './resp-client.js';

/** Plain TCP to the handle's port. */
export function tcpTarget(handle: RedisHandle): RawTarget {
  return { host: handle.host, port: handle.port };
}

/** TLS trusting the handle's CA; pass `cert`/`key`, `servername` or a missing `ca` to vary it. */
export function tlsTarget(handle: RedisHandle, options: ConnectionOptions = {}): RawTarget {
  return { ...tcpTarget(handle), tls: { ca: handle.tls?.caPem, ...options } };
}
