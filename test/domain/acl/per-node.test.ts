// The per-node ACL model: the union of every node's users, with where each exists, which
// nodes hold which rules, and risks per node (the worst shown, naming the nodes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aclUnion,
  cellOf,
  driftHeadline,
  drifted,
  offNodes,
  riskText,
} from '../../../src/domain/acl/per-node.js';
import type { NodeAcl } from '../../../src/domain/acl/per-node.js';
import { groupPlans, mergeSteps, nodesDiffer, planNodes } from '../../../src/domain/acl/per-node-plan.js';
import { aclLineTokens } from '../../../src/domain/acl/acl-file.js';
import { desiredState } from '../../../src/domain/acl/plan.js';
import type { AclUser } from '../../../src/domain/acl/types.js';
import { U, user } from './acl-fixtures.js';

const app = user({ name: 'app', keys: ['~app:*'], commands: '-@all +get' });
const def = user({ name: 'default', passwords: ['a'.repeat(64)], keys: ['~*'], commands: '+@all' });
const nopassDef = { ...def, nopass: true, passwords: [], flags: ['on', 'nopass'] };

describe('aclUnion', () => {
  const nodes: NodeAcl[] = [
    { node: 'n1', users: [def, app] },
    { node: 'n2', users: [nopassDef, app] },
    { node: 'n3', users: [def, { ...app, keys: ['~other:*'] }] },
    { node: 'n4', users: [def, app, user({ name: 'drift' })] },
    { node: 'n5', error: 'not connected (failed)' },
  ];
  const u = aclUnion(nodes, U);
  const by = (n: string) => u.users.find((x) => x.name === n)!;

  it('lists every user of any node, where it is, and which nodes differ', () => {
    expect(u.users.map((x) => x.name)).toEqual(['default', 'app', 'drift']);
    expect(by('drift')).toMatchObject({ missing: ['n1', 'n2', 'n3'], differs: true });
    expect(by('app').variants.map((v) => v.nodes)).toEqual([['n1', 'n2', 'n4'], ['n3']]);
    expect(offNodes(by('app'))).toEqual(['n3']);
    expect(offNodes(by('drift'))).toEqual(['n4']); // created on one node: that node is off
    expect(u.unreadable).toEqual([{ node: 'n5', error: 'not connected (failed)' }]);
    expect(driftHeadline(u)).toBe('ACL drift: 3 users on 3 nodes');
    expect([cellOf(by('app'), 'n3'), cellOf(by('drift'), 'n1'), cellOf(by('app'), 'n1')]).toEqual([
      'differs',
      'missing',
      'same',
    ]);
  });

  it('risks per node, the worst first, naming the nodes', () => {
    const nopass = by('default').risks.find((r) => r.flag.id === 'nopass')!;
    expect(nopass.nodes).toEqual(['n2']);
    expect(riskText(nopass, u)).toBe('nopass on n2');
    // default-on is critical where nopass (low where it has a password): the worst grade is kept, on every node.
    const on = by('default').risks.find((r) => r.flag.id === 'default-on')!;
    expect([on.flag.severity, riskText(on, u)]).toEqual(['critical', 'default']);
    expect(by('default').risks[0]?.flag.severity).toBe('critical');
  });

  it('rules spelled differently but equal in effect are one variant', () => {
    const a = user({ name: 'x', commands: '-@all +get +set' });
    const b = user({ name: 'x', commands: '-@all +set +get' });
    const v = aclUnion(
      [
        { node: 'a', users: [a] },
        { node: 'b', users: [b] },
      ],
      U,
    );
    expect(drifted(v)).toEqual([]);
  });

  it('property: identical nodes never drift; any user removed from one node is named', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(names, fc.integer({ min: 2, max: 6 }), fc.nat(), (ns, count, pick) => {
        const users = ns.map((name, i) => user({ name, keys: [`~k${i}:*`] }));
        const nodes = Array.from({ length: count }, (_, i) => ({ node: `n${i}`, users }));
        expect(drifted(aclUnion(nodes, U))).toEqual([]);
        const victim = ns[pick % ns.length]!;
        const off = `n${pick % count}`;
        const cut = nodes.map((n) =>
          n.node === off ? { ...n, users: users.filter((x) => x.name !== victim) } : n,
        );
        const d = drifted(aclUnion(cut, U));
        expect(d.map((x) => x.name)).toEqual([victim]);
        expect(d[0]!.missing).toEqual([off]);
        // Every user of every node is in the union, once.
        expect(
          aclUnion(cut, U)
            .users.map((x) => x.name)
            .sort(),
        ).toEqual([...ns].sort());
      }),
    );
  });
});

describe('planNodes / mergeSteps', () => {
  const desired = [
    { name: 'default', tokens: aclLineTokens('on nopass ~* &* +@all') },
    { name: 'app', tokens: aclLineTokens('on ~app:* -@all +get') },
  ];
  it('each user is written only to the nodes that need it; deletes only where seen', () => {
    const [defNow, appNow] = desired.map((d) => desiredState(d, 'resetchannels')) as [AclUser, AclUser];
    const plans = planNodes(
      desired,
      [
        { node: 'n1', users: [defNow, appNow] },
        { node: 'n2', users: [defNow] },
        { node: 'n3', users: [defNow, appNow, user({ name: 'old' })] },
      ],
      { prune: true, universe: U, pubsubDefault: 'resetchannels' },
    );
    expect(nodesDiffer(plans)).toBe(true);
    expect(plans[0]!.plan.create.length + plans[0]!.plan.change.length).toBe(0);
    const steps = mergeSteps(plans);
    expect(steps.map((s) => [s.kind, s.name, s.nodes])).toEqual([
      ['set', 'app', ['n2']],
      ['delete', 'old', ['n3']],
    ]);
    expect(groupPlans(plans).map((g) => g.nodes)).toEqual([['n1'], ['n2'], ['n3']]);
  });
});

describe('per-node plan converges', () => {
  const RULES = ['on ~a:* +get', 'off ~b:* +set', 'on nopass ~* +@all', 'on ~c:* &x +get +set'];
  it('property: applying the merged steps to each node leaves nothing to do on any node', () => {
    const names = ['default', 'app', 'ro', 'old'];
    const nodeUsers = fc.array(fc.subarray(names.map((n, i) => [n, i] as const)), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(nodeUsers, fc.subarray(names, { minLength: 1 }), fc.boolean(), (nodes, wanted, prune) => {
        const desired = wanted.map((name, i) => ({ name, tokens: aclLineTokens(RULES[i % RULES.length]!) }));
        const state = nodes.map((us, n) => ({
          node: `n${n}`,
          users: us.map(([name, i]) =>
            desiredState({ name, tokens: aclLineTokens(RULES[(i + n) % RULES.length]!) }, 'resetchannels'),
          ),
        }));
        const opts = { prune, universe: U, pubsubDefault: 'resetchannels' as const };
        for (const st of mergeSteps(planNodes(desired, state, opts)))
          for (const n of state.filter((x) => st.nodes.includes(x.node))) {
            n.users = n.users.filter((u) => u.name !== st.name);
            if (st.kind === 'set')
              n.users.push(
                desiredState(
                  desired.find((d) => d.name === st.name)!,
                  'resetchannels',
                ),
              );
          }
        expect(nodesDiffer(planNodes(desired, state, opts))).toBe(false);
      }),
    );
  });
});
