// The report for a deliberately insecure node and a hardened one (issue 14, "Tested against
// real servers", here from hand-made facts), a NOPERM auditor, a node down, and the checklist.
import { describe, expect, it } from 'vitest';
import { CHECKS, MANUAL } from '../../../src/domain/audit/catalogue.js';
import { reportLevel } from '../../../src/domain/audit/maturity.js';
import { buildReport } from '../../../src/domain/audit/report.js';
import type { AuditReport, CheckResult } from '../../../src/domain/audit/types.js';
import { ctx, hardened, insecure, noperm, ok, withConf } from './fixtures.js';

const failing = (report: AuditReport): CheckResult[] =>
  report.nodes.flatMap((n) => n.results).filter((r) => r.status === 'fail');
const byId = (report: AuditReport, id: string) => report.nodes[0]!.results.find((r) => r.id === id)!;

describe('a deliberately insecure node', () => {
  const report = buildReport([insecure()], ctx());

  it('is below Basic', () => {
    expect(report.reached).toBe('none');
    expect(report.nodes[0]!.reached).toBe('none');
    expect(report.next?.level).toBe('basic');
  });

  it('names each problem with its fix', () => {
    const ids = failing(report).map((r) => r.id);
    for (const id of ['AUTH-001', 'AUTH-002', 'NET-001', 'NET-002', 'CMD-001', 'AUTH-007', 'PER-003'])
      expect(ids).toContain(id);
    for (const r of failing(report)) expect(r.fix?.text, r.id).toBeTruthy();
    expect(byId(report, 'AUTH-002').subjects).toEqual(['default']);
    expect(byId(report, 'CMD-001').subjects).toContain('app');
    expect(byId(report, 'AUTH-007').subjects).toEqual(['app']);
    expect(byId(report, 'PER-003').detail).toContain('.ssh');
    expect(byId(report, 'NET-001').fix?.online?.[0]).toMatchObject({
      action: 'config.set',
      params: { name: 'protected-mode', value: 'yes' },
    });
  });

  it('what Basic needs: its failing checks, each with a fix', () => {
    const needs = report.next!.needs.map((r) => r.id);
    expect(needs).toEqual(
      expect.arrayContaining(['AUTH-001', 'AUTH-002', 'NET-001', 'NET-002', 'AUTH-007', 'PER-003', 'SW-001']),
    );
    expect(report.next!.needs.every((r) => r.level === 'basic')).toBe(true);
  });

  it('crosses the Development boxes', () => {
    const dev = report.checklist.filter((b) => b.stage === 'Development');
    expect(dev.map((b) => b.state)).toEqual(['crossed', 'crossed', 'crossed']);
  });
});

describe('a hardened node', () => {
  const report = buildReport([hardened()], ctx());

  it('reaches High, and says what Paranoid needs', () => {
    expect(report.reached).toBe('high');
    expect(report.next?.level).toBe('paranoid');
    expect(report.next!.needs.map((r) => r.id).sort()).toEqual(['LIM-002', 'LIM-003', 'LIM-004']);
    expect(report.next!.needs.every((r) => r.fix)).toBe(true);
  });

  it('ticks every box the checks can see; the rest are by hand', () => {
    for (const box of report.checklist) expect(['ticked', 'manual']).toContain(box.state);
    expect(report.checklist.find((b) => b.item === 'Backup encryption')?.state).toBe('manual');
  });

  it('with Paranoid settings it reaches Paranoid; manual items are listed, not counted', () => {
    const tuned = withConf(hardened(), {
      timeout: '300',
      maxmemory: '1gb',
      'client-output-buffer-limit': 'normal 256mb 128mb 60',
    });
    const r = buildReport([tuned], ctx());
    expect(r.reached).toBe('paranoid');
    expect(r.next).toBeUndefined();
    expect(r.manual).toEqual(MANUAL);
  });

  it('carries the CVE table date and the password list it used', () => {
    expect(report.cveTable.date).toBe('2026-12-06');
    expect(report.passwordList.count).toBeGreaterThan(9000);
    expect(report.passwordList.source).toContain('@zxcvbn-ts/language-common');
  });
});

describe('a NOPERM auditor and a node down', () => {
  it('unknowns name the grant and hold the level; they are not failures', () => {
    const report = buildReport(
      [hardened({ config: noperm('+config|get'), dryrun: noperm('+acl|dryrun') })],
      ctx(),
    );
    const unknowns = report.nodes[0]!.results.filter((r) => r.status === 'unknown');
    expect(unknowns.map((r) => r.unknown?.grant)).toContain('+config|get');
    expect(unknowns.map((r) => r.unknown?.grant)).toContain('+acl|dryrun');
    expect(failing(report)).toEqual([]);
    // NET-001 (Basic) reads CONFIG: Basic cannot be claimed, and the next level names the grant.
    expect(report.reached).toBe('none');
    expect(report.next?.needs.find((r) => r.id === 'NET-001')?.unknown?.grant).toBe('+config|get');
  });

  it('a node down is unknown with its reason; the others are audited; the cluster is its lowest node', () => {
    const down = {
      ...hardened({ node: '127.0.0.1:7009' }),
      reachable: { ok: false as const, error: 'connect ECONNREFUSED' },
    };
    const report = buildReport([hardened(), down], ctx());
    const downReport = report.nodes[1]!;
    expect(
      downReport.results.every((r) => r.status === 'unknown' && r.unknown?.reason.includes('ECONNREFUSED')),
    ).toBe(true);
    expect(report.nodes[0]!.reached).toBe('high');
    expect(downReport.reached).toBe('none');
    expect(report.reached).toBe('none');
    expect(report.next?.nodes).toEqual(['127.0.0.1:7009']);
    // Shown with the node not read named, and never a level for a target nothing was read from.
    expect(reportLevel(report)).toEqual({ text: 'below Basic (1 node not read)', known: true });
    expect(reportLevel(buildReport([down], ctx()))).toEqual({
      text: 'not known: no node could be read',
      known: false,
    });
  });

  it('a cluster-wide failure counts for every node', () => {
    const a = hardened({ node: '127.0.0.1:7000' });
    const b = hardened({ node: '127.0.0.1:7001', users: ok([]) });
    const report = buildReport([a, b], ctx());
    expect(report.cluster.find((r) => r.id === 'REP-004')?.status).toBe('fail');
    // a itself is fine; REP-004 (Standard) holds it at Basic.
    expect(report.nodes[0]!.reached).toBe('basic');
  });
});

describe('counts', () => {
  it('every result is counted once, by its status', () => {
    const report = buildReport([insecure(), hardened()], ctx());
    const total = report.counts.pass + report.counts.fail + report.counts.warn + report.counts.unknown;
    const perNode = CHECKS.filter((c) => c.check).length;
    expect(total).toBe(perNode * 2 + report.cluster.length);
  });
});
