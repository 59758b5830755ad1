// Profile + flags -> what a node connection needs. Pure apart from reading TLS files.
import { readCaDir, readTlsFile } from './tls-files.js';
import type { ConnectionSpec, TlsSettings } from '../profiles/schema.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 6379;

export interface UriParts {
  spec: ConnectionSpec;
  password?: string;
}

/** `redis://[user[:pass]@]host[:port][/db][?password=pass]` and `rediss://` (TLS), as redis-cli -u. */
export function parseUri(uri: string): UriParts {
  // The examples name no password field: a message about URIs must not look like one.
  const expected = 'expected redis://host:port, or rediss://host:port for TLS; --user names the user';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new Error(`not a Redis URI (${expected})`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`unsupported URI scheme "${url.protocol}": use redis:// or rediss://`);
  }
  const spec: ConnectionSpec = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || DEFAULT_HOST,
    port: url.port ? Number(url.port) : DEFAULT_PORT,
  };
  const decode = (part: string, what: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      throw new Error(`the ${what} in the URI has a bad %-escape (${expected})`);
    }
  };
  if (url.username) spec.user = decode(url.username, 'user name');
  if (url.protocol === 'rediss:') spec.tls = { enabled: true };
  const query = queryPassword(url);
  if (url.password && query !== undefined)
    throw new Error('the URI gives two passwords (user:pass@ and ?password=): give one');
  const password = url.password ? decode(url.password, 'password') : query;
  return password === undefined ? { spec } : { spec, password };
}

/**
 * `?password=` is how ioredis spells it (a query key is case-sensitive there; redis-cli reads
 * no query at all): honoured, and warned about like user:pass@. Any other spelling of the key
 * (`?PASSWORD=`) or a second one would be a password silently ignored or guessed: refused.
 * The message names the key, never the value.
 */
function queryPassword(url: URL): string | undefined {
  const keys = [...url.searchParams.keys()].filter((k) => k.toLowerCase() === 'password');
  const odd = keys.find((k) => k !== 'password');
  if (odd !== undefined)
    throw new Error(
      `the URI has "?${odd}=": only "password" in lower case is read as a password (as ioredis reads it; redis-cli reads no query). Write ?password=, or better give it with REDISCLI_AUTH or --askpass`,
    );
  if (keys.length > 1) throw new Error('the URI gives ?password= more than once: give it once');
  return url.searchParams.get('password') ?? undefined;
}

/** Flags win over the profile, field by field; a URI fills what flags leave out. */
export function mergeSpecs(...layers: (ConnectionSpec | undefined)[]): ConnectionSpec {
  const out: ConnectionSpec = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer) as [keyof ConnectionSpec, unknown][]) {
      if (v === undefined) continue;
      if (k === 'tls') out.tls = { ...(out.tls ?? { enabled: false }), ...(v as TlsSettings) };
      else (out as Record<string, unknown>)[k] = v;
    }
  }
  if (out.tls && !out.tls.enabled) {
    const t = out.tls;
    if (t.cacert || t.cacertdir || t.cert || t.key || t.sni) t.enabled = true;
  }
  return out;
}

export function addressOf(spec: ConnectionSpec): string {
  if (spec.socket) return `unix:${spec.socket}`;
  const host = spec.host ?? DEFAULT_HOST;
  return `${host.includes(':') ? `[${host}]` : host}:${spec.port ?? DEFAULT_PORT}`;
}

export interface TlsOptions {
  ca?: string[];
  cert?: string;
  key?: string;
  servername?: string;
  rejectUnauthorized: boolean;
}

const isIp = (h: string) => /^[\d.]+$/.test(h) || h.includes(':');

/** Reads the certificate files named in the spec; a file that is not what its flag says throws with why. */
export function tlsOptions(spec: ConnectionSpec, host: string): TlsOptions | undefined {
  const t = spec.tls;
  if (!t?.enabled) return undefined;
  const out: TlsOptions = { rejectUnauthorized: !t.insecure };
  const ca = [
    ...(t.cacert ? [readTlsFile('CA certificate', t.cacert)] : []),
    ...(t.cacertdir ? readCaDir(t.cacertdir) : []),
  ];
  if (ca.length) out.ca = ca;
  if (t.cert) out.cert = readTlsFile('client certificate', t.cert);
  if (t.key) out.key = readTlsFile('client key', t.key);
  const sni = t.sni ?? (isIp(host) ? undefined : host);
  if (sni) out.servername = sni;
  return out;
}
