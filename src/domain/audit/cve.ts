// Versions against the CVE table (data/cves.json), per release line: 7.2.4 is judged by the
// 7.2 line's fix (7.2.11), never by 7.4's. Valkey reports `redis_version:7.2.4` for
// compatibility, so the product is read from `server_name` first and Valkey is judged by its
// own table. Pure.
import type { CveEntry, CveLines, CveTable } from './types.js';

/** `7.2.4` -> [7, 2, 4]; `8.0.0-rc1` -> [8, 0, 0]; undefined when it is not a version. */
export function parseVersion(text: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** Negative, zero or positive, as a sort comparator; unparsable versions sort first. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a) ?? [-1];
  const y = parseVersion(b) ?? [-1];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The release line: `7.2.4` -> `7.2`. */
export function lineOf(version: string): string {
  const v = parseVersion(version);
  return v ? `${v[0]}.${v[1]}` : version;
}

export interface ServerIdentity {
  product: 'redis' | 'valkey' | 'other';
  /** The product's own version (valkey_version for Valkey). */
  version: string;
  /** What INFO server says it is, for evidence. */
  evidence: string;
}

/** From INFO server: Valkey by `server_name`, never by its `redis_version:7.2.4`. */
export function serverIdentity(server: Record<string, string> | undefined): ServerIdentity | undefined {
  if (!server) return undefined;
  const name = (server.server_name ?? 'redis').toLowerCase();
  const redis = server.redis_version;
  if (name === 'valkey') {
    const version = server.valkey_version ?? redis;
    if (!version) return undefined;
    return {
      product: 'valkey',
      version,
      evidence: `server_name=valkey valkey_version=${version} redis_version=${redis ?? '?'}`,
    };
  }
  if (!redis) return undefined;
  const product = name === 'redis' ? 'redis' : 'other';
  return {
    product,
    version: redis,
    evidence: `${server.server_name ? `server_name=${server.server_name} ` : ''}redis_version=${redis}`,
  };
}

export type CveState = 'vulnerable' | 'fixed' | 'not-affected' | 'not-judged';

export interface CveVerdict {
  cve: CveEntry;
  state: CveState;
  /** For a vulnerable version: the first fixed version to upgrade to (its line, or a newer one). */
  upgradeTo?: string;
}

/** The first fixed version on this line or a newer one (what to upgrade to). */
function upgradeTarget(cve: CveEntry, line: string): string | undefined {
  return Object.entries(cve.fixed)
    .filter(([l, f]) => compareVersions(l, line) >= 0 && typeof f === 'string' && parseVersion(f))
    .map(([, f]) => f as string)
    .sort(compareVersions)[0];
}

/** One CVE against one version. */
export function judgeCve(cve: CveEntry, version: string): CveVerdict {
  if (cve.since && compareVersions(version, cve.since) < 0) return { cve, state: 'not-affected' };
  const line = lineOf(version);
  const vulnerable = (): CveVerdict => {
    const to = upgradeTarget(cve, line);
    return { cve, state: 'vulnerable', ...(to ? { upgradeTo: to } : {}) };
  };
  if (!Object.hasOwn(cve.fixed, line)) {
    // A line newer than every listed one came out after the fix; an older one is not judged.
    const newer = Object.keys(cve.fixed).every((l) => compareVersions(l, line) < 0);
    return { cve, state: newer ? 'not-affected' : 'not-judged' };
  }
  const fixed = cve.fixed[line];
  if (fixed === null) return vulnerable();
  if (fixed === 'n/a') return { cve, state: 'not-affected' };
  if (fixed === '?' || fixed === undefined || !parseVersion(fixed)) return { cve, state: 'not-judged' };
  return compareVersions(version, fixed) < 0 ? vulnerable() : { cve, state: 'fixed' };
}

/** Every CVE of a table against a version. */
export const judgeAll = (lines: CveLines, version: string): CveVerdict[] =>
  lines.cves.map((c) => judgeCve(c, version));

export type Lifecycle = 'supported' | 'maintenance' | 'eol';

/** Is the version's line still supported on the table's date? */
export function lifecycleOf(lines: CveLines, version: string): Lifecycle {
  const line = lineOf(version);
  if (lines.endOfLife.includes(line) || compareVersions(line, lines.oldestSupported) < 0) return 'eol';
  if (lines.maintenance?.includes(line)) return 'maintenance';
  return 'supported';
}

/** The table that judges this product: Redis's, Valkey's own, or none (then it is not judged). */
export function linesFor(table: CveTable, product: ServerIdentity['product']): CveLines | undefined {
  if (product === 'redis') return table;
  if (product === 'valkey') return table.valkey;
  return undefined;
}

/** Loose shape check of a loaded table: a broken data file fails loudly, not as "no CVEs". */
export function assertCveTable(value: unknown): CveTable {
  const t = value as Partial<CveTable>;
  if (
    !t ||
    typeof t.date !== 'string' ||
    !Array.isArray(t.cves) ||
    !Array.isArray(t.endOfLife) ||
    typeof t.oldestSupported !== 'string'
  )
    throw new Error('data/cves.json: not a CVE table (date, endOfLife, oldestSupported, cves)');
  for (const c of t.cves)
    if (typeof c.id !== 'string' || typeof c.fixed !== 'object' || c.fixed === null)
      throw new Error(`data/cves.json: entry ${String(c.id)} has no fixed map`);
  return t as CveTable;
}
