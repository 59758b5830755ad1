// What the ACL LOG tail says when it cannot simply show new events: one line each, with the
// fix where there is one, and only what the server's replies can prove ("at least", "may").
import type { TailNotice } from './types.js';

interface Where {
  node: string;
  now: number;
}

/** A limit worth suggesting: four times the current one, at least 1024. */
export function suggestedMaxLen(limit: number | undefined): number {
  let n = 1024;
  while (limit !== undefined && n < limit * 4) n *= 2;
  return n;
}

export function restartNotice(at: Where, by: 'run id' | 'entry ids'): TailNotice {
  return {
    node: at.node,
    kind: 'restart',
    at: at.now,
    text:
      `the server restarted (its ${by === 'run id' ? 'run id changed' : 'entry ids started again'}): ` +
      'its ACL LOG started afresh; violations logged between the last poll and the restart are gone',
  };
}

export function resetNotice(at: Where, runKnown: boolean, lost: number): TailNotice {
  const what = runKnown
    ? 'ACL LOG was reset (ACL LOG RESET) between polls'
    : 'ACL LOG was reset (ACL LOG RESET) or the server restarted between polls';
  const gone =
    lost > 0
      ? `at least ${lost} events logged before that were lost`
      : 'violations logged between the last poll and then are gone';
  return {
    node: at.node,
    kind: 'reset',
    at: at.now,
    ...(lost > 0 ? { lost } : {}),
    text: `${what}: ${gone}`,
  };
}

export interface GapFacts {
  /** Entries known to have rolled off unseen (7.2+ entry ids); each is at least one event. */
  lost: number;
  limit: number | undefined;
  length: number;
  /** A 7.0 entry was counted as grown though it may be a new one of the same group. */
  ambiguous: boolean;
}

export function gapNotice(at: Where, gap: GapFacts): TailNotice {
  const fix =
    `raise acllog-max-len: CONFIG SET acllog-max-len ${suggestedMaxLen(gap.limit)}` +
    ' (and CONFIG REWRITE to keep it), or poll more often';
  const keeps =
    gap.limit === undefined
      ? 'its limit is unknown: this user may not CONFIG GET acllog-max-len'
      : `it keeps ${gap.limit} entries`;
  let text: string;
  if (gap.lost > 0) {
    text = `at least ${gap.lost} events lost between polls: ACL LOG rolled over (${keeps}); ${fix}`;
  } else if (gap.limit === undefined) {
    text =
      `ACL LOG may have rolled over or been reset between polls (${keeps}): events may have been lost ` +
      `and cannot be counted; grant the console +config|get, or ${fix}`;
  } else {
    text =
      `ACL LOG rolled over between polls (${keeps}, all ${gap.length} in use): events may have been lost ` +
      `and this server cannot say how many${gap.ambiguous ? ' (a repeated entry may be counted low)' : ''}; ${fix}`;
  }
  return { node: at.node, kind: 'gap', at: at.now, ...(gap.lost > 0 ? { lost: gap.lost } : {}), text };
}

export function disabledNotice(at: Where): TailNotice {
  return {
    node: at.node,
    kind: 'gap',
    at: at.now,
    text: 'acllog-max-len is 0: the server keeps no ACL LOG and violations are not recorded; CONFIG SET acllog-max-len 128',
  };
}
