// Proof that the audit only reads: what a run sent, seen two ways at once, under MONITOR from a
// second client (which never shows admin commands) and by INFO commandstats (which counts every
// call, rejected and failed ones too). Both must hold only commands of the audit's read list.
import type { Redis } from 'ioredis';
import { until } from '../helpers/until.js';

/** What the audit (and the console's connection itself) may send; DRYRUN runs nothing. */
export const AUDIT_READS = new Set([
  'ping',
  'info',
  'auth',
  'hello',
  'quit',
  'config|get',
  'acl|list',
  'acl|dryrun',
  'acl|whoami',
  'module|list',
  'cluster|nodes',
]);

async function counts(admin: Redis): Promise<Map<string, number>> {
  const stats = String(await admin.call('INFO', ['commandstats']));
  const out = new Map<string, number>();
  for (const m of stats.matchAll(/^cmdstat_(\S+):calls=(\d+),.*rejected_calls=(\d+),failed_calls=(\d+)/gm))
    out.set(m[1]!, Number(m[2]) + Number(m[3]) + Number(m[4]));
  return out;
}

/**
 * Runs `work` under MONITOR (from `admin`) and between two INFO commandstats: `sent` is every
 * command whose count grew (the counting itself is INFO), `monitored` what MONITOR showed, as
 * `cmd` or `cmd|sub`, once its PINGs (every run sends some) have come through.
 */
export async function whatWasSent(
  admin: Redis,
  work: () => Promise<void>,
): Promise<{ sent: string[]; monitored: string[] }> {
  const seen: string[][] = [];
  const monitor = await admin.monitor();
  monitor.on('monitor', (_time: string, args: string[]) => seen.push(args));
  try {
    const before = await counts(admin);
    await work();
    const after = await counts(admin);
    const sent = [...after].filter(([cmd, n]) => n > (before.get(cmd) ?? 0)).map(([cmd]) => cmd);
    // MONITOR lines may trail the work: its PINGs show they have come through.
    await until(() => seen.some((a) => a[0]?.toLowerCase() === 'ping'), 'the PINGs under MONITOR');
    const monitored = seen.map(([cmd = '', sub = '']) =>
      /^(acl|config|module|client|cluster)$/i.test(cmd) ? `${cmd}|${sub}`.toLowerCase() : cmd.toLowerCase(),
    );
    return { sent, monitored };
  } finally {
    monitor.disconnect();
  }
}
