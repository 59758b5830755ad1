// The CVE table that ships with the project (data/cves.json), checked once when loaded, and
// the context an audit runs in. The common-password list is text the caller reads (src/ops:
// I/O is not the domain's) and parsePasswordList turns into hashes once.
import cves from '../../../data/cves.json' with { type: 'json' };
import { assertCveTable } from './cve.js';
import type { PasswordList } from './passwords.js';
import type { AuditContext, CveTable } from './types.js';

export const CVE_TABLE: CveTable = assertCveTable(cves);

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
