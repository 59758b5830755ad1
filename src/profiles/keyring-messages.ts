// What the keyring module tells the operator. Library messages are about D-Bus and X11
// internals; these say what happened to the secret and what to do instead.
import fs from 'node:fs';

export function readKeyutilsExpiry(): number | undefined {
  try {
    const n = Number(fs.readFileSync('/proc/sys/kernel/keys/persistent_keyring_expiry', 'utf8').trim());
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

export const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function secretServiceReason(err: unknown): string {
  const m = message(err);
  return /DBUS_SESSION_BUS_ADDRESS|autolaunch|ServiceUnknown|org\.freedesktop\.secrets/i.test(m)
    ? 'no Secret Service daemon (gnome-keyring, KWallet) on a D-Bus session bus'
    : `Secret Service failed: ${m}`;
}

export function keyutilsNotice(expirySeconds: number | undefined, why?: string): string {
  const lead = why
    ? `The Secret Service could not be used (${why})`
    : 'No keyring daemon (Secret Service) here';
  const unused = expirySeconds
    ? ` or after ${Math.round((expirySeconds / 86400) * 10) / 10} days unused`
    : '';
  return `${lead}: the secret is kept in the kernel keyring and lasts until reboot${unused}.`;
}

export const FALLBACK_HINT = 'use an env or file password source instead (a 0600 file, or REDISCLI_AUTH)';
