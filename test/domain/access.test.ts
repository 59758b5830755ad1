// Per-node access, combined: one verdict where the nodes agree, the odd node named where not,
// and never "yes" for the Target when one node says otherwise. Pure: no server.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combine, oddNodes } from '../../src/domain/access.js';
import type { AccessReport, AccessResult, Verdict } from '../../src/domain/access.js';
import { accessNotes, accessRows, accessWarnings, paneSummary } from '../../src/domain/access-view.js';
import { PANE_NEEDS } from '../../src/domain/pane-needs.js';

const report = (node: string, can: (i: number) => Verdict): AccessReport => ({
  node,
  user: 'watch',
  method: 'dryrun',
  items: PANE_NEEDS.map((need, i) => ({ need, can: can(i) })),
});
const LOG = PANE_NEEDS.findIndex((n) => n.what === 'the log (ACL LOG)');
const result = (...checked: AccessReport[]): AccessResult => ({ user: 'watch', checked, down: [] });

describe('combine', () => {
  it('one node: said as it always was, without node names', () => {
    const r = result(report('10.0.0.1:6379', (i) => (i === LOG ? 'no' : 'yes')));
    expect(combine(r)).toMatchObject({ where: '10.0.0.1:6379', agree: true, method: 'dryrun' });
    expect(accessWarnings(r)).toEqual([
      'SEC003 watch may not read what ACL Log needs: grant it: ACL SETUSER watch +acl|log',
    ]);
    expect(accessRows(r)[LOG]).toEqual(['ACL Log', 'NO', 'the log (ACL LOG)', '+acl|log']);
  });

  it('one node of three lacks a grant: the row says 1/3, the node is named with what it lacks', () => {
    const r = result(
      report('a:1', () => 'yes'),
      report('b:1', (i) => (i === LOG ? 'no' : 'yes')),
      report('c:1', () => 'yes'),
    );
    expect(combine(r)).toMatchObject({ where: '3 nodes', agree: false });
    expect(accessRows(r)[LOG]?.[1]).toBe('NO 1/3');
    expect(oddNodes(r)).toEqual([{ node: 'b:1', items: [r.checked[1]?.items[LOG]] }]);
    expect(accessNotes(r)).toContain('  b:1: NO the log (ACL LOG)');
    expect(accessWarnings(r)).toEqual([
      'SEC003 watch may not read what ACL Log needs on b:1: grant it: ACL SETUSER watch +acl|log',
    ]);
    expect(paneSummary(r).find((p) => p.pane === 'ACL Log')?.text).toMatch(/differs on 1 node$/);
  });

  it('a node down: named, and the table is of the nodes asked', () => {
    const r = { ...result(report('a:1', () => 'yes')), down: [{ node: 'b:1', why: 'not connected' }] };
    expect(combine(r).where).toBe('1 of 2 nodes');
    expect(accessWarnings(r)).toEqual(['could not tell what watch may do on b:1: not connected']);
  });
});

const verdict = fc.constantFrom<Verdict>('yes', 'no', 'unknown');
const nodes = fc.array(fc.array(verdict, { minLength: PANE_NEEDS.length, maxLength: PANE_NEEDS.length }), {
  minLength: 1,
  maxLength: 6,
});

describe('combine (properties)', () => {
  it('the Target may only what every node may; nodes agree exactly when none is odd', () => {
    fc.assert(
      fc.property(nodes, (vs) => {
        const r = result(...vs.map((v, n) => report(`n${n}:1`, (i) => v[i] ?? 'unknown')));
        const c = combine(r);
        c.items.forEach((item, i) => {
          const all = vs.map((v) => v[i]);
          if (item.can === 'yes') expect(all.every((v) => v === 'yes')).toBe(true);
          if (all.includes('no')) expect(item.can).toBe('no');
        });
        expect(c.agree).toBe(oddNodes(r).length === 0);
        // Every read refused somewhere is in a SEC003 line.
        if (c.items.some((i) => i.need.kind === 'read' && i.can === 'no'))
          expect(accessWarnings(r).some((w) => w.startsWith('SEC003'))).toBe(true);
      }),
    );
  });
});
