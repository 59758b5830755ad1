// How a connection test reads, for people and for scripts.
import type { ProbeResult } from '../redis/probe.js';
import { hexBytes } from '../domain/bytes.js';
import { toDisplay } from '../domain/display.js';
import { formatTable } from './output.js';
import { accessWarnings } from '../domain/access-view.js';
import { accessJson, accessText } from './access-report.js';
import type { ConnectionTest } from '../ops/connection-test.js';

const nodeWarnings = (r: ProbeResult): string[] =>
  r.nodes
    .filter((n) => n.state === 'ready' && n.error)
    .map((n) => `${n.id}: ${n.error?.code ?? n.error?.name} ${n.error?.cause ?? ''}`);

/**
 * Nodes that answer but refuse the console something (SEC003), and panes the console's user
 * cannot read (or could not be told about): connected, not healthy.
 */
export const probeWarnings = (r: ConnectionTest): string[] => [
  ...nodeWarnings(r),
  ...(r.access ? accessWarnings(r.access) : []),
];

export function probeJson(r: ConnectionTest, profile?: string) {
  return {
    ok: r.ok,
    warnings: probeWarnings(r),
    profile: profile ?? null,
    address: r.address,
    elapsedMs: r.elapsedMs,
    error: r.error
      ? {
          code: r.error.code ?? null,
          name: r.error.name,
          message: r.error.message,
          cause: r.error.cause,
          fix: r.error.fix,
        }
      : null,
    nodes: r.nodes.map((n) => ({
      id: n.id,
      state: n.state,
      /** "Valkey 8.0.1", "Redis 7.4.1": the product and its own version. */
      server: n.server?.label ?? null,
      /** INFO's redis_version: the Redis it is compatible with (Valkey 8 says 7.2.4). */
      version: n.server?.version ?? null,
      role: n.server?.role ?? null,
      user: n.whoami ?? null,
      userHex: n.whoami === undefined ? null : hexBytes(n.whoami),
      error: n.error ? { code: n.error.code ?? null, name: n.error.name, message: n.error.message } : null,
    })),
    access: r.access ? accessJson(r.access) : null,
  };
}

export function describeProbe(r: ConnectionTest, profile?: string): string {
  const warnings = probeWarnings(r);
  const state = r.ok ? `ok${warnings.length ? ', with warnings' : ''} (${r.elapsedMs} ms)` : 'FAILED';
  const head = `${profile ? `${profile} ` : ''}${r.address}: ${state}`;
  const table = formatTable(
    ['NODE', 'STATE', 'SERVER', 'ROLE', 'USER', 'PROBLEM'],
    r.nodes.map((n) => [
      n.id,
      n.state,
      n.server?.label ?? '',
      n.server?.role ?? '',
      n.whoami ?? '',
      n.error ? `${n.error.code ?? n.error.name}: ${n.error.message}` : '',
    ]),
  );
  const e = r.error;
  const why = e
    ? [
        `${e.code ? `${e.code} ` : ''}${e.name}: ${toDisplay(e.message)}`,
        e.cause,
        ...e.fix.map((f) => `  → ${f}`),
      ].join('\n') + '\n'
    : '';
  // The access warnings are part of its own text, under its table.
  const nodeWarn = nodeWarnings(r);
  const warn = r.ok && nodeWarn.length ? `${nodeWarn.map((w) => toDisplay(w)).join('\n')}\n` : '';
  const access = r.access ? accessText(r.access) : '';
  return `${head}\n${r.nodes.length ? table : ''}${why}${access}${warn}`;
}
