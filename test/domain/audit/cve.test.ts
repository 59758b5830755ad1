// Versions against the shipped CVE table, per release line (table-driven), EOL lines, Valkey.
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  judgeCve,
  lifecycleOf,
  lineOf,
  parseVersion,
  serverIdentity,
} from '../../../src/domain/audit/cve.js';
import { CVE_TABLE } from '../../../src/domain/audit/data.js';
import type { CveEntry } from '../../../src/domain/audit/types.js';

const cve = (id: string, table = CVE_TABLE.cves): CveEntry => {
  const c = table.find((x) => x.id === id);
  if (!c) throw new Error(`no ${id} in the table`);
  return c;
};

describe('versions', () => {
  it.each([
    ['7.2.4', '7.2.11', -1],
    ['7.2.11', '7.2.4', 1],
    ['8.0.3', '8.0.4', -1],
    ['7.4.10', '7.4.9', 1],
    ['6.2.20', '6.2.20', 0],
    ['8.0.0-rc1', '8.0.0', 0],
  ])('%s vs %s', (a, b, sign) => expect(Math.sign(compareVersions(a, b))).toBe(sign));

  it('lines and parsing', () => {
    expect(lineOf('7.2.4')).toBe('7.2');
    expect(parseVersion('8.0')).toEqual([8, 0, 0]);
    expect(parseVersion('valkey')).toBeUndefined();
  });
});

describe('the Redis table, per release line', () => {
  it.each([
    ['CVE-2025-49844', '7.2.4', 'vulnerable', '7.2.11'],
    ['CVE-2025-49844', '7.2.11', 'fixed', undefined],
    ['CVE-2025-49844', '7.4.1', 'vulnerable', '7.4.6'],
    ['CVE-2025-49844', '8.0.3', 'vulnerable', '8.0.4'],
    ['CVE-2025-49844', '8.0.4', 'fixed', undefined],
    // 7.0 is end-of-life: no fix on its line, the advice is the next line's fix.
    ['CVE-2025-49844', '7.0.15', 'vulnerable', '7.2.11'],
    ['CVE-2025-49844', '6.2.21', 'fixed', undefined],
    // A line newer than every listed one came out with the fix.
    ['CVE-2025-49844', '8.6.3', 'not-affected', undefined],
    // An older unlisted line is not judged (its EOL check speaks instead).
    ['CVE-2025-49844', '5.0.7', 'not-judged', undefined],
    ['CVE-2023-41056', '7.0.15', 'fixed', undefined],
    ['CVE-2023-41056', '7.0.8', 'not-affected', undefined],
    ['CVE-2023-41056', '6.2.14', 'not-affected', undefined],
    ['CVE-2026-23479', '8.4.0', 'vulnerable', '8.6.3'],
    ['CVE-2026-23479', '7.4.9', 'fixed', undefined],
    ['CVE-2024-31449', '7.4.1', 'fixed', undefined],
  ])('%s on %s: %s', (id, version, state, upgradeTo) => {
    const v = judgeCve(cve(id), version);
    expect(v.state).toBe(state);
    expect(v.upgradeTo).toBe(upgradeTo);
  });

  it.each([
    ['7.0.15', 'eol'],
    ['6.0.20', 'eol'],
    ['5.0.7', 'eol'],
    ['8.0.4', 'eol'],
    ['6.2.21', 'maintenance'],
    ['7.2.13', 'maintenance'],
    ['7.4.9', 'supported'],
    ['8.2.6', 'supported'],
    ['8.6.3', 'supported'],
  ])('%s is %s', (version, life) => expect(lifecycleOf(CVE_TABLE, version)).toBe(life));

  it('has its date and sources, and every entry a severity, a summary and sources', () => {
    expect(CVE_TABLE.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(CVE_TABLE.sources.length).toBeGreaterThan(0);
    for (const c of [...CVE_TABLE.cves, ...(CVE_TABLE.valkey?.cves ?? [])]) {
      expect(c.summary.length).toBeGreaterThan(0);
      expect(c.sources.length).toBeGreaterThan(0);
      expect(['critical', 'high', 'medium', 'low']).toContain(c.severity);
    }
  });
});

describe('Valkey', () => {
  const valkey = CVE_TABLE.valkey!;

  it('is recognised by server_name, not by its redis_version 7.2.4', () => {
    expect(
      serverIdentity({ redis_version: '7.2.4', server_name: 'valkey', valkey_version: '8.0.1' }),
    ).toMatchObject({
      product: 'valkey',
      version: '8.0.1',
    });
    expect(serverIdentity({ redis_version: '7.4.1' })).toMatchObject({ product: 'redis', version: '7.4.1' });
    expect(serverIdentity({ redis_version: '7.2.4', server_name: 'keydb' })?.product).toBe('other');
  });

  it.each([
    ['CVE-2025-49844', '8.0.1', 'vulnerable', '8.0.6'],
    ['CVE-2025-49844', '8.0.6', 'fixed', undefined],
    ['CVE-2025-49844', '8.1.4', 'fixed', undefined],
    ['CVE-2025-32023', '8.1.2', 'vulnerable', '8.1.3'],
    ['CVE-2025-32023', '8.0.1', 'not-judged', undefined],
    ['CVE-2026-23479', '9.0.0', 'not-judged', undefined],
    ['CVE-2025-67733', '9.0.1', 'vulnerable', '9.0.2'],
  ])('%s on valkey %s: %s', (id, version, state, upgradeTo) => {
    const v = judgeCve(cve(id, valkey.cves), version);
    expect(v.state).toBe(state);
    expect(v.upgradeTo).toBe(upgradeTo);
  });

  it('its lines by its own table: 7.2 maintenance, 8.0 supported', () => {
    expect(lifecycleOf(valkey, '7.2.11')).toBe('maintenance');
    expect(lifecycleOf(valkey, '8.0.1')).toBe('supported');
  });
});
