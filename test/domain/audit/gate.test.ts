// The CI contract of `redis-warden audit`, pure: which exit a report gives for --level,
// --fail-on and --check, and the report cut to the checks asked for.
import { describe, expect, it } from 'vitest';
import { auditExit, cutReport, nothingRead } from '../../../src/domain/audit/gate.js';
import { buildReport } from '../../../src/domain/audit/report.js';
import { ctx, hardened, insecure } from './fixtures.js';

const unreachable = () => ({ ...insecure(), reachable: { ok: false as const, error: 'no answer' } });

describe('auditExit', () => {
  const bad = buildReport([insecure()], ctx());
  const good = buildReport([hardened()], ctx());

  it('--level: 0 when the lowest node reaches it, else 1', () => {
    expect(auditExit(bad, { level: 'basic', failOn: 'high' })).toBe(1);
    expect(good.reached).not.toBe('none');
    expect(auditExit(good, { level: good.reached as 'basic', failOn: 'critical' })).toBe(0);
    expect(auditExit(good, { level: 'paranoid', failOn: 'critical' })).toBe(
      good.reached === 'paranoid' ? 0 : 1,
    );
  });

  it('--fail-on: 1 only for a failing check at that severity or worse; --check narrows it', () => {
    expect(auditExit(bad, { failOn: 'high' })).toBe(1);
    // LIM-002 (timeout 0) is a low: failing, yet below every bar but low and info.
    expect(auditExit(bad, { failOn: 'medium', checks: ['LIM-002'] })).toBe(0);
    expect(auditExit(bad, { failOn: 'low', checks: ['lim-002'] })).toBe(1);
  });

  it('2 when no node was read; a node down beside read ones is judged as usual', () => {
    const none = buildReport([unreachable()], ctx());
    expect(nothingRead(none)).toBe(true);
    expect(auditExit(none, { failOn: 'high' })).toBe(2);
    const one = buildReport(
      [{ ...hardened(), node: '127.0.0.1:7009' }, unreachable()],
      ctx({ cluster: true }),
    );
    expect(nothingRead(one)).toBe(false);
    expect(auditExit(one, { level: 'basic', failOn: 'high' })).toBe(1);
  });
});

describe('cutReport', () => {
  it('keeps only the checks asked for, counts and next level included', () => {
    const cut = cutReport(buildReport([insecure()], ctx()), ['NET-001', 'NET-004']);
    expect(cut.nodes[0]?.results.map((r) => r.id)).toEqual(['NET-001', 'NET-004']);
    expect(cut.counts.pass + cut.counts.fail + cut.counts.warn + cut.counts.unknown).toBe(2);
    for (const n of cut.next?.needs ?? []) expect(['NET-001', 'NET-004']).toContain(n.id);
  });
});
