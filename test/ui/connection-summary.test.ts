import { describe, expect, it } from 'vitest';
import { nodeCountLabel, summarize } from '../../src/ui/shell/connection-summary.js';
import type { TargetStatus } from '../../src/redis/target.js';
import type { NodeStatus } from '../../src/redis/node.js';

const node = (p: Partial<NodeStatus>): NodeStatus => ({
  id: 'n',
  state: 'ready',
  since: 0,
  attempt: 0,
  ...p,
});
const target = (nodes: NodeStatus[]): TargetStatus => ({ address: 'a', cluster: nodes.length > 1, nodes });

describe('summarize', () => {
  it('ready, reconnecting with stale seconds, failed with its code', () => {
    expect(summarize(target([node({})]), 0)).toMatchObject({ text: '● ready', tone: 'ok', ticking: false });
    const r = summarize(target([node({ state: 'reconnecting', lastOkAt: 1000 })]), 13_000);
    expect(r).toMatchObject({ text: '◌ reconnecting (stale 12s)', tone: 'warning', ticking: true });
    const f = summarize(
      target([
        node({
          state: 'failed',
          error: { code: 'SEC002', name: 'WRONGPASS', message: '', cause: '', fix: [], retryable: false },
        }),
      ]),
      0,
    );
    expect(f).toMatchObject({ text: '✗ failed SEC002', tone: 'danger' });
  });
  it('a node never reached: connecting, with the reason beside the seconds', () => {
    const e = { code: undefined, name: 'UNREACHABLE', message: '', cause: '', fix: [], retryable: true };
    const r = summarize(target([node({ state: 'connecting', since: 0, error: e })]), 7000);
    expect(r).toMatchObject({ text: '◌ connecting (7s; UNREACHABLE)', tone: 'warning', ticking: true });
  });
  it('counts nodes of a cluster', () => {
    const nodes = [
      node({ server: { role: 'master' } }),
      node({ server: { role: 'slave' } }),
      node({ state: 'reconnecting', since: 0 }),
    ];
    expect(summarize(target(nodes), 5000).text).toBe('◌ reconnecting 1/3 nodes (stale 5s)');
    expect(nodeCountLabel(target(nodes))).toBe('3 nodes (1 primaries)');
  });
});
