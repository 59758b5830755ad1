// The ACL LOG tail's data: a bounded window of recent events (the capture on disk keeps
// everything), what the tail had to say (gaps, resets, restarts, nodes down), and the
// per-minute counts behind the rate line.
import type { AclLogEvent, TailNotice } from '../domain/acl-log/types.js';

/** An event as the pane holds it: a unique row id and whether it came from the capture. */
export interface TailRow extends AclLogEvent {
  id: number;
  history?: boolean;
}

export interface TailNodeStatus {
  lastOkAt?: number;
  /** Why this node is not tailed now (down, NOPERM). */
  problem?: string;
  maxLen?: number;
}

export interface AclLogSlice {
  status: 'idle' | 'running';
  /** Newest first; at most WINDOW rows. */
  rows: TailRow[];
  notices: TailNotice[];
  paused: boolean;
  /** Events captured while paused, shown when the tail resumes. */
  held: TailRow[];
  follow: boolean;
  /** Violations seen since the console started (sum of counts, history excluded). */
  total: number;
  /** Violations per minute, keyed by minute (ms epoch / 60000), the last hour. */
  perMinute: Record<number, number>;
  nodes: Record<string, TailNodeStatus>;
  /** When the feed started: the rate alert's baseline counts the minutes since. */
  since?: number;
  /** Identical violations as one row (the pane's group key). */
  grouped: boolean;
  /** The row open in the detail view. */
  open?: number;
}

export const TAIL_WINDOW = 2000;

export const initialAclLog = (): AclLogSlice => ({
  status: 'idle',
  rows: [],
  notices: [],
  paused: false,
  held: [],
  follow: true,
  total: 0,
  perMinute: {},
  nodes: {},
  grouped: false,
});
