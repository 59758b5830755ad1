// `--alert-rate N` on any connection (the console and `tail`): ACL LOG events per minute
// that raise the rate alert, over the profile's alertRate; 0 turns the rate alert off.
import { UsageError } from './context.js';

export const ALERT_RATE_HELP =
  "ACL LOG events per minute that raise the rate alert (overrides the profile's; 0: no rate alert)";

/** undefined when the flag was not given; a usage error (exit 2) when it is not a number >= 0. */
export function parseAlertRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new UsageError(`--alert-rate: ACL LOG events per minute, a number from 0 (got "${value}")`);
  return n;
}
