// Short human forms of CLIENT LIST numbers, shared by the Clients pane and `redis-warden
// clients`: a column of ages reads at a glance as 45s / 12m / 3h / 2d, bytes as 20K / 1.5M.
// Pure; truncating (not rounding) so "59m" never reads as the next unit.

/** Seconds as one unit: 45s, 12m, 3h, 2d (down to the unit; negative or NaN -> "?"). */
export function humanDuration(secs: number): string {
  if (!Number.isFinite(secs) || secs < 0) return '?';
  const s = Math.floor(secs);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

const UNITS = ['K', 'M', 'G', 'T', 'P'] as const;

/** Bytes in binary units: 0B, 512B, 20K, 1.5M, 3.2G (one decimal below 10, none above). */
export function humanBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return `${Math.floor(bytes)}B`;
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i += 1;
  }
  const shown = v < 10 ? (Math.floor(v * 10) / 10).toString() : String(Math.floor(v));
  return `${shown}${UNITS[i]!}`;
}
