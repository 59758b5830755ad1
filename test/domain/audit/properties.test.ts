// Properties of the level, of unknowns, and of secrets in the report (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../../../src/domain/audit/checklist.js';
import { levelOf } from '../../../src/domain/audit/maturity.js';
import { buildReport } from '../../../src/domain/audit/report.js';
import { LEVELS } from '../../../src/domain/audit/types.js';
import type { CheckResult, Reached, Status } from '../../../src/domain/audit/types.js';
import { ctx, hardened, insecure, ok } from './fixtures.js';

const rank = (r: Reached) => (r === 'none' ? -1 : LEVELS.indexOf(r));
const IDS = ['AUTH-001', 'NET-001', 'CMD-001', 'TLS-001', 'PER-002', 'LIM-002', 'SW-002', 'REP-004'];

const result = fc.record({
  id: fc.constantFrom(...IDS),
  level: fc.constantFrom(...LEVELS),
  status: fc.constantFrom<Status>('pass', 'fail', 'warn', 'unknown'),
});
const results = fc.array(result, { maxLength: 30 }).map((rs) =>
  rs.map((r): CheckResult => ({
    ...r,
    title: r.id,
    area: 'access',
    severity: 'high',
    seed: '',
    detail: '',
    evidence: [],
  })),
);

describe('the level', () => {
  it('never rises when a check turns from pass to fail', () => {
    fc.assert(
      fc.property(results, fc.nat(), (rs, k) => {
        const passes = rs.map((r, i) => (r.status === 'pass' ? i : -1)).filter((i) => i >= 0);
        fc.pre(passes.length > 0);
        const i = passes[k % passes.length]!;
        const after = rs.map((r, j) => (j === i ? { ...r, status: 'fail' as const } : r));
        expect(rank(levelOf(after))).toBeLessThanOrEqual(rank(levelOf(rs)));
      }),
    );
  });

  it('a warn never blocks: turning a warn into a pass changes nothing', () => {
    fc.assert(
      fc.property(results, (rs) => {
        const passed = rs.map((r) => (r.status === 'warn' ? { ...r, status: 'pass' as const } : r));
        expect(levelOf(passed)).toBe(levelOf(rs));
      }),
    );
  });
});

describe('unknown', () => {
  it('is never a pass: a level is no higher with an unknown than with a pass in its place', () => {
    fc.assert(
      fc.property(results, (rs) => {
        const asPass = rs.map((r) => (r.status === 'unknown' ? { ...r, status: 'pass' as const } : r));
        expect(rank(levelOf(rs))).toBeLessThanOrEqual(rank(levelOf(asPass)));
      }),
    );
  });

  it('is never a fail or a pass in the checklist: a box with an unknown and no fail is unknown, never ticked or crossed', () => {
    fc.assert(
      fc.property(results, (rs) => {
        for (const box of buildChecklist(rs)) {
          const mine = rs.filter((r) => box.checks.includes(r.id));
          if (box.checks.length === 0) expect(box.state).toBe('manual');
          else if (mine.some((r) => r.status === 'fail')) expect(box.state).toBe('crossed');
          else if (mine.some((r) => r.status === 'unknown')) expect(box.state).toBe('unknown');
          // A warn (no record of a rotation) blocks no level, but ticks no box either.
          else if (mine.some((r) => r.status === 'warn')) expect(box.state).toBe('warned');
          else if (mine.length) expect(box.state).toBe('ticked');
        }
      }),
    );
  });

  it('is counted only as unknown in the report', () => {
    const report = buildReport([{ ...hardened(), reachable: { ok: false, error: 'timeout' } }], ctx());
    const cluster = (s: Status) => report.cluster.filter((r) => r.status === s).length;
    expect(report.counts).toEqual({
      pass: cluster('pass'),
      fail: cluster('fail'),
      warn: cluster('warn'),
      unknown: report.nodes[0]!.results.length + cluster('unknown'),
    });
  });
});

describe('secrets', () => {
  // Long enough not to occur in a report by chance; any characters, invalid UTF-16 included.
  const secret = fc
    .string({ unit: 'binary', minLength: 12, maxLength: 48 })
    .filter((s) => s.trim().length >= 12);
  const smuggleInto = fc.constantFrom(
    'dir',
    'bind',
    'logfile',
    'dbfilename',
    'aclfile',
    'masteruser',
    'tls-protocols',
  );

  it('evidence never contains a requirepass value, even when the facts smuggle one into config', () => {
    fc.assert(
      fc.property(secret, smuggleInto, fc.boolean(), (pw, key, insecureNode) => {
        const base = insecureNode ? insecure() : hardened();
        const config = {
          ...(base.config.ok ? base.config.value : {}),
          requirepass: pw,
          masterauth: pw,
          'tls-key-file-pass': pw,
          [key]: pw,
        };
        const report = buildReport([{ ...base, config: ok(config) }], ctx());
        expect(JSON.stringify(report)).not.toContain(JSON.stringify(pw).slice(1, -1));
      }),
      { numRuns: 60 },
    );
  });
});
