// The users whose state the console does not know: a change to them was sent and its reply
// never came (it may or may not have run). Until a read of every node concerned, taken after
// the change, shows them again, the pane says "unknown (re-reading)" instead of the old rules.
import type { TargetOutcome } from '../ops/mutation.js';
import type { UserRow } from './users-slice.js';

interface Doubt {
  /** Reads numbered up to this one started before the change: they do not settle it. */
  after: number;
  nodes: Set<string>;
  /** Not settled by the re-read right after the change: say what the later one found. */
  deferred: boolean;
  /** The change, as its message said it ("Disable user app"). */
  what: string;
}

/** The nodes where a write's outcome is unknown (its reply was lost, or its check could not re-read). */
export const doubtfulNodes = (results: readonly TargetOutcome<unknown>[]): string[] =>
  results.filter((r) => r.outcome === 'unknown').map((r) => r.target);

export class UnsureUsers {
  private readonly doubts = new Map<string, Doubt>();
  private reads = 0;

  /** Call as a read starts; pass its number to settle() when it has read. */
  readStarts(): number {
    this.reads += 1;
    return this.reads;
  }

  mark(name: string, nodes: readonly string[], what: string): void {
    const d = this.doubts.get(name);
    this.doubts.set(name, {
      after: this.reads,
      nodes: new Set([...(d?.nodes ?? []), ...nodes]),
      deferred: false,
      what,
    });
  }

  /** The re-read right after the change did not settle these: a later one will. */
  defer(name: string): void {
    const d = this.doubts.get(name);
    if (d) d.deferred = true;
  }

  /**
   * A read that started as read number `read` succeeded on `nodesRead`: the doubts it settles
   * go. Returns those a later read settled (the operator was told to wait for them).
   */
  settle(read: number, nodesRead: ReadonlySet<string>): { name: string; what: string }[] {
    const late: { name: string; what: string }[] = [];
    for (const [name, d] of this.doubts) {
      if (read <= d.after || ![...d.nodes].every((n) => nodesRead.has(n))) continue;
      this.doubts.delete(name);
      if (d.deferred) late.push({ name, what: d.what });
    }
    return late;
  }

  names(): string[] {
    return [...this.doubts.keys()];
  }

  clear(): void {
    this.doubts.clear();
  }
}

/** "Outcome unknown: Disable user app (its reply was lost); re-read since: app is off." */
export function settledText(
  late: readonly { name: string; what: string }[],
  rows: readonly UserRow[],
): string {
  const now = (name: string) => {
    const r = rows.find((x) => x.name === name);
    return !r ? 'not on the server' : !r.user ? 'listed' : r.user.enabled ? 'on' : 'off';
  };
  return late
    .map(
      (l) => `Outcome unknown: ${l.what} (its reply was lost); re-read since: ${l.name} is ${now(l.name)}.`,
    )
    .join(' ');
}
