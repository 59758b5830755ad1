// The CVE table and the common-password list that ship with the project (data/), both bundled
// into dist/cli.cjs, and the context an audit runs in.
import cves from '../../../data/cves.json' with { type: 'json' };
import passwords from '../../../data/common-passwords.txt';
import { assertCveTable } from './cve.js';
import { parsePasswordList } from './passwords.js';
import type { PasswordList } from './passwords.js';
import type { AuditContext, CveTable } from './types.js';

export const CVE_TABLE: CveTable = assertCveTable(cves);

let common: PasswordList | undefined;
/** The shipped common-password list, hashed once (10,000 SHA-256: a few ms) when first asked. */
export const commonPasswords = (): PasswordList => (common ??= parsePasswordList(passwords));

/** An AuditContext from the operator's choices, the parsed password list and the CVE table. */
export function auditContext(
  base: Omit<AuditContext, 'cves' | 'weakHashes' | 'passwordList'>,
  list: PasswordList,
  table: CveTable = CVE_TABLE,
): AuditContext {
  return {
    ...base,
    cves: table,
    weakHashes: list.hashes,
    passwordList: { name: list.name, count: list.count, source: list.source },
  };
}
