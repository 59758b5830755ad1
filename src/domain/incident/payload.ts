// The cron/SSH payload pattern of RDB-write attacks (security-anchors §4.1: redis#3195, #4791,
// docker-library-redis#378): keys backup1..4, values holding a crontab line, an SSH key, a
// download piped to a shell or a reverse shell. Pure: the evidence read asks it of each sampled
// key's name and of the first bytes of its short string value.

const NAME = /^backup[1-4]$/i;

const VALUE: readonly [RegExp, string][] = [
  [/(^|\s)(\*|\*\/\d+|\d+)(\s+(\*|\*\/\d+|\d+)){4}\s/, 'a crontab line'],
  [/\bssh-(rsa|ed25519|dss)\s|ecdsa-sha2-/, 'an SSH public key'],
  [/\b(curl|wget|lynx)\b/i, 'a download command'],
  [/\/dev\/tcp\//, 'a reverse shell (/dev/tcp)'],
  [/\bbash\s+-i\b/, 'an interactive shell (bash -i)'],
  [/transfer\.sh|pastebin\.com/i, 'a paste/transfer host'],
];

/** Why a key's name marks it as a likely payload, or undefined. */
export const payloadName = (name: string): string | undefined =>
  NAME.test(name) ? `named like the cron-dropper keys (backup1..4)` : undefined;

/** Why a value looks like a payload (the first pattern it matches), or undefined. */
export function payloadValue(value: string): string | undefined {
  for (const [re, what] of VALUE) if (re.test(value)) return `the value holds ${what}`;
  return undefined;
}

/** Values longer than this are not read (GETRANGE 0 N-1 of strings only): evidence, not data. */
export const PAYLOAD_VALUE_BYTES = 512;
