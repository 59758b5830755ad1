// What the header says about the connection, from the Target's status. Pure.
import type { TargetStatus } from '../../redis/target.js';
import type { Token } from '../theme/tokens.js';

export interface ConnectionSummary {
  text: string;
  tone: Token;
  /** True while something is waiting to reconnect (the header then ticks its "stale" counter). */
  ticking: boolean;
}

const ago = (ms: number) =>
  ms < 60_000
    ? `${Math.round(ms / 1000)}s`
    : ms < 3_600_000
      ? `${Math.round(ms / 60_000)}m`
      : `${Math.round(ms / 3_600_000)}h`;

export function summarize(status: TargetStatus | undefined, now: number): ConnectionSummary {
  if (!status) return { text: '○ not connected', tone: 'muted', ticking: false };
  const nodes = status.nodes;
  if (!nodes.length) {
    const e = status.discovery;
    return { text: `✗ ${e ? `${e.code ?? e.name}` : 'no node'}`, tone: 'danger', ticking: false };
  }
  const ready = nodes.filter((n) => n.state === 'ready').length;
  const failed = nodes.filter((n) => n.state === 'failed');
  const waiting = nodes.filter((n) => n.state === 'reconnecting' || (n.state === 'connecting' && n.error));
  if (failed.length) {
    const e = failed[0]?.error;
    const which = nodes.length > 1 ? ` ${failed.length}/${nodes.length} nodes` : '';
    return { text: `✗ failed${which}${e ? ` ${e.code ?? e.name}` : ''}`, tone: 'danger', ticking: false };
  }
  if (waiting.length) {
    const oldest = Math.min(...waiting.map((n) => n.lastOkAt ?? n.since));
    const label = waiting.some((n) => n.state === 'reconnecting') ? 'reconnecting' : 'connecting';
    const which = nodes.length > 1 ? ` ${waiting.length}/${nodes.length} nodes` : '';
    // A node never reached says why beside its count (UNREACHABLE, SEC004...), as the box below does.
    const why = label === 'connecting' ? waiting.find((n) => n.error)?.error : undefined;
    const age =
      label === 'reconnecting'
        ? `stale ${ago(now - oldest)}`
        : `${ago(now - oldest)}${why ? `; ${why.code ?? why.name}` : ''}`;
    return { text: `◌ ${label}${which} (${age})`, tone: 'warning', ticking: true };
  }
  if (ready < nodes.length)
    return { text: `◌ connecting ${ready}/${nodes.length}`, tone: 'warning', ticking: true };
  const warn = nodes.find((n) => n.error)?.error;
  return {
    text: `● ready${nodes.length > 1 ? ` ${ready}/${nodes.length}` : ''}${warn ? ` (${warn.code ?? warn.name})` : ''}`,
    tone: warn ? 'warning' : 'ok',
    ticking: false,
  };
}

export function nodeCountLabel(status: TargetStatus | undefined): string {
  const nodes = status?.nodes ?? [];
  if (nodes.length <= 1)
    return status?.discovery?.name === 'NOT_CLUSTER' ? '1 node (not a cluster)' : '1 node';
  const primaries = nodes.filter((n) => n.server?.role === 'master').length;
  return `${nodes.length} nodes${primaries ? ` (${primaries} primaries)` : ''}`;
}
