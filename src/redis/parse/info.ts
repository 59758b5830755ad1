// INFO reply -> sections of key/value pairs. Pure.
import { decodeServerBytes } from '../../domain/bytes.js';

export type InfoSections = Record<string, Record<string, string>>;

/**
 * An INFO reply read with callBuffer, as text that keeps every byte: a field that is not UTF-8
 * (a version or role from a hostile or broken server) shows as `\xff`, never as U+FFFD.
 */
export function infoText(reply: unknown): string {
  if (Buffer.isBuffer(reply)) return decodeServerBytes(reply);
  if (typeof reply === 'string') return reply;
  throw new Error('INFO: unexpected reply');
}

export function parseInfo(text: string): InfoSections {
  const out: InfoSections = {};
  let section = 'default';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#')) {
      section = line.slice(1).trim().toLowerCase();
      out[section] ??= {};
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue;
    (out[section] ??= {})[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

export interface ServerFacts {
  /** redis_version: what the server is compatible with (Valkey 8 says 7.2.4). */
  version?: string;
  /** What to show: "Redis 7.0.15", or "Valkey 8.0.1" from server_name and valkey_version. */
  label?: string;
  mode?: string;
  role?: string;
  uptimeSeconds?: number;
  runId?: string;
}

export function serverFacts(info: InfoSections): ServerFacts {
  const s = info.server ?? {};
  const r = info.replication ?? {};
  const uptime = Number(s.uptime_in_seconds);
  const name = s.server_name && s.server_name !== 'redis' ? s.server_name : undefined;
  const shown = name ? s[`${name}_version`] : s.redis_version;
  return {
    version: s.redis_version,
    label: shown && (name ? `${name[0]!.toUpperCase()}${name.slice(1)} ${shown}` : `Redis ${shown}`),
    mode: s.redis_mode,
    role: r.role,
    uptimeSeconds: Number.isFinite(uptime) ? uptime : undefined,
    runId: s.run_id,
  };
}
