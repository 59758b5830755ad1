// The CVE table that ships with the project (data/cves.json), checked once when loaded. The
// common-password list is text read by the caller (src/ops) and parsed by passwords.ts.
import cves from '../../../data/cves.json' with { type: 'json' };
import { assertCveTable } from './cve.js';
import type { CveTable } from './types.js';

export const CVE_TABLE: CveTable = assertCveTable(cves);
