// The common-password list (data/common-passwords.txt) as the audit uses it: the SHA-256 hex
// of each entry, the form ACL LIST shows (`#<sha256>`), so a weak password is found offline
// and no guess is ever sent to a server. The caller reads the file (I/O is not the domain's);
// this turns its text into the set once. Pure.
import { createHash } from 'node:crypto';

export interface PasswordList {
  /** The file's name, for the report. */
  name: string;
  /** The header's Source line. */
  source: string;
  count: number;
  /** SHA-256 hex (lower case) of every entry. */
  hashes: ReadonlySet<string>;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The header is the leading `#` lines up to the first empty line; every line after it is one
 * password, exactly (a password may start with `#`, so comments are not allowed below it).
 */
export function parsePasswordList(text: string, name = 'common-passwords.txt'): PasswordList {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const blank = lines.indexOf('');
  const hasHeader = blank >= 0 && lines.slice(0, blank).every((l) => l.startsWith('#'));
  const header = hasHeader ? lines.slice(0, blank) : [];
  const entries = (hasHeader ? lines.slice(blank + 1) : lines).filter((l) => l !== '');
  const sourceLine = header.find((l) => /^#\s*Source:/i.test(l));
  return {
    name,
    source: sourceLine ? sourceLine.replace(/^#\s*Source:\s*/i, '') : 'unknown',
    count: entries.length,
    hashes: new Set(entries.map(sha256Hex)),
  };
}
