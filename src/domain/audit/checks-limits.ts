// Limits (issue 14, Checks > Limits). The seed names no limits at all, so they sit at
// Paranoid ("All"), except the protocol limits, whose raised values open the CVE-2021-41099
// family of overflows: those count with the security updates, at High.
import {
  configEvidence,
  configSetFix,
  configSetManyFix,
  fail,
  num,
  pass,
  warn,
  withConfig,
} from './finding.js';
import type { CheckDef } from './types.js';

const PARANOID = 'Security Maturity Levels > Paranoid (All + Audit)';
const SILENT = 'the seed names no limits: Paranoid is "All"';

/** Redis sizes as CONFIG GET prints them: bytes, or with a unit (`512mb`, `1gb`). */
export function bytesOf(value: string | undefined): number | undefined {
  const m = /^(\d+)\s*(b|k|kb|m|mb|g|gb)?$/i.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  const mult: Record<string, number> = {
    b: 1,
    k: 1000,
    kb: 1024,
    m: 1e6,
    mb: 1024 ** 2,
    g: 1e9,
    gb: 1024 ** 3,
  };
  return Number(m[1]) * (mult[unit] ?? 1);
}

/** The `normal` class's hard limit in `client-output-buffer-limit` (`normal 0 0 0 replica ...`). */
export function normalHardLimit(value: string | undefined): number | undefined {
  const parts = (value ?? '').split(/\s+/);
  const i = parts.findIndex((p) => p.toLowerCase() === 'normal');
  return i < 0 ? undefined : bytesOf(parts[i + 1]);
}

/** Where each limit the seed never names sits, and why. */
const PARANOID_LIMIT = {
  area: 'limits',
  level: 'paranoid',
  severity: 'low',
  seed: PARANOID,
  why: SILENT,
} as const;

export const LIMIT_CHECKS: CheckDef[] = [
  {
    id: 'LIM-001',
    title: 'maxclients is not raised above the default (10000)',
    ...PARANOID_LIMIT,
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'maxclients')];
        const n = num(get('maxclients'));
        if (n !== undefined && n <= 10000) return pass(`maxclients ${n}`, ev);
        return warn(
          `maxclients ${get('maxclients') ?? '?'}: a connection flood can exhaust file descriptors`,
          ev,
          configSetFix(facts, 'maxclients', '10000', 'Bound the connections'),
        );
      }),
  },
  {
    id: 'LIM-002',
    title: 'Idle clients time out (timeout > 0)',
    ...PARANOID_LIMIT,
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'timeout')];
        if ((num(get('timeout')) ?? 0) > 0) return pass(`idle clients close after ${get('timeout')} s`, ev);
        return fail(
          'idle connections are kept forever',
          ev,
          configSetFix(facts, 'timeout', '300', 'Close idle clients after 5 minutes'),
        );
      }),
  },
  {
    id: 'LIM-003',
    title: 'The normal client output buffer has a hard limit',
    area: 'limits',
    level: 'paranoid',
    severity: 'medium',
    seed: PARANOID,
    why: `${SILENT}; an unbounded buffer is what CVE-2025-21605 grows`,
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'client-output-buffer-limit')];
        const hard = normalHardLimit(get('client-output-buffer-limit'));
        if (hard !== undefined && hard > 0) return pass(`normal clients are cut at ${hard} bytes`, ev);
        return fail(
          'normal clients may buffer without bound (hard limit 0)',
          ev,
          configSetFix(
            facts,
            'client-output-buffer-limit',
            '"normal 256mb 128mb 60"',
            'Bound normal client output buffers',
          ),
        );
      }),
  },
  {
    id: 'LIM-004',
    title: 'maxmemory is set',
    ...PARANOID_LIMIT,
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'maxmemory', 'maxmemory-policy')];
        if ((bytesOf(get('maxmemory')) ?? 0) > 0) return pass(`maxmemory ${get('maxmemory')}`, ev);
        return fail('no memory limit: the host runs out before Redis refuses writes', ev, {
          text: "Set maxmemory below the host's memory (the value depends on the host)",
          commands: ['CONFIG SET maxmemory <bytes>', 'CONFIG REWRITE'],
          conf: ['maxmemory <bytes>'],
        });
      }),
  },
  {
    id: 'LIM-005',
    title: 'proto-max-bulk-len and client-query-buffer-limit are not raised above their defaults',
    area: 'limits',
    level: 'high',
    severity: 'medium',
    seed: 'Security Checklist > Production > Regular security updates',
    why: 'raised limits reopen the CVE-2021-41099 family of overflows: counted with the security updates (High)',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'proto-max-bulk-len', 'client-query-buffer-limit')];
        const raised: string[] = [];
        if ((bytesOf(get('proto-max-bulk-len')) ?? 0) > 512 * 1024 ** 2) raised.push('proto-max-bulk-len');
        if ((bytesOf(get('client-query-buffer-limit')) ?? 0) > 1024 ** 3)
          raised.push('client-query-buffer-limit');
        if (raised.length === 0) return pass('at or below the defaults (512mb, 1gb)', ev);
        const defaults: Record<string, string> = {
          'proto-max-bulk-len': '512mb',
          'client-query-buffer-limit': '1gb',
        };
        const fix = configSetManyFix(
          facts,
          raised.map((n) => [n, defaults[n] ?? ''] as const),
          'Back to the defaults',
        );
        return fail(`${raised.join(', ')} raised above the default`, ev, fix, raised);
      }),
  },
];
