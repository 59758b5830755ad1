// The ACL LOG feed: every node of the target polled by one Poller, each poll turned into
// new events and notices by track(), appended to the capture (one JSONL file per profile
// and node) before anyone is told, and the tracker's position saved beside it so a
// restarted console carries on where it stopped instead of counting the log again.
import { countByGroup, withoutCapturedHistory } from '../../domain/acl-log/captured.js';
import { track } from '../../domain/acl-log/track.js';
import type { TrackState } from '../../domain/acl-log/track.js';
import type { AclLogEvent, TailNotice } from '../../domain/acl-log/types.js';
import { captureFiles, captureWriter, readCaptureTail } from '../../journal/capture.js';
import type { CaptureWriter } from '../../journal/capture.js';
import { captureLock } from '../../journal/capture-lock.js';
import type { CaptureLock, LockHolder, LockResult } from '../../journal/capture-lock.js';
import { aclLogMaxLen, readAclLogSnapshot } from '../../redis/acl-log.js';
import { explain } from '../../redis/errors.js';
import type { Target } from '../../redis/target.js';
import type { TailNodeStatus } from '../acl-log-slice.js';
import {
  catchUp,
  loadPosition,
  lostNotice,
  notWritingNotice,
  savePosition,
  takeoverNotice,
} from './capture-takeover.js';
import type { CaptureFiles } from './capture-takeover.js';
import { Poller } from './poller.js';

export interface FeedUpdate {
  events: AclLogEvent[];
  notices: TailNotice[];
  nodes: Record<string, TailNodeStatus>;
  /** Events read back from the capture at start, shown as such. */
  history?: boolean;
}

export interface AclLogFeedOptions {
  target: Target;
  /** Names the capture directory: the profile, or the address without one. */
  profile: string;
  secrets: readonly string[];
  intervalMs?: number;
  /** How many captured events to show as history when a node is first seen. */
  historyLimit?: number;
  /** When the console connected (default: now); what the log holds from before is history. */
  startedAt?: number;
  /** Capture directory root (tests); default the XDG state directory. */
  dir?: string;
  onUpdate: (u: FeedUpdate) => void;
}

interface NodeTail {
  state?: TrackState;
  maxLen?: number | null;
  writer: CaptureWriter;
  files: CaptureFiles;
  status: TailNodeStatus;
  /** Our own ACL LOG RESET: the next reset notice says who did it. */
  resetByUs?: boolean;
  /** NOPERM on ACL LOG: not asked again before this time. */
  deniedUntil?: number;
  /** This feed read the log and moved the position on. */
  advanced?: boolean;
  /**
   * This feed holds the capture's lock: it alone appends and saves the position. The others
   * ask for the lock at every poll and take the capture over when its writer is gone.
   */
  writes: boolean;
  lock: CaptureLock;
  /** Became the writer: the next read captures from the saved position, not from `state`. */
  catchUp?: { from?: LockHolder & { why?: string }; announce: boolean };
  /** Violations per group already in the capture, for a first read without a saved position. */
  captured?: Map<string, number>;
}

/** The record kinds in a capture file: what happened, in the order it was seen. */
export type CaptureRecord = ({ type: 'event' } & AclLogEvent) | ({ type: 'notice' } & TailNotice);

// A file system error on the lock is as good as "not now": the next poll asks again.
function acquire(lock: CaptureLock): LockResult {
  try {
    return lock.acquire();
  } catch {
    return { held: false };
  }
}

export class AclLogFeed {
  private readonly poller: Poller;
  private readonly tails = new Map<string, NodeTail>();
  /** The slowest node's reply time in the last poll. */
  private serverMs = 0;
  /** When the connection opened: entries updated since are new, not history. */
  private readonly startedAt: number;

  constructor(private readonly opts: AclLogFeedOptions) {
    this.startedAt = opts.startedAt ?? Date.now();
    this.poller = new Poller({
      intervalMs: opts.intervalMs ?? 1000,
      poll: async () => {
        await this.poll();
        return this.serverMs;
      },
    });
  }

  start(): void {
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
    for (const t of this.tails.values()) {
      this.saveState(t);
      if (t.writes) t.lock.release();
    }
  }

  setIdle(idle: boolean): void {
    this.poller.setIdle(idle);
  }

  now(): void {
    this.poller.now();
  }

  /** Polls once now; true when every node that is up was read (so the capture holds its log). */
  async pollNow(): Promise<boolean> {
    return this.poll();
  }

  expectReset(): void {
    for (const t of this.tails.values()) t.resetByUs = true;
  }

  private tail(node: string): NodeTail {
    let t = this.tails.get(node);
    if (t) return t;
    const files = captureFiles(this.opts.profile, node, this.opts.dir);
    const lock = captureLock(files.lock);
    // Two consoles of one user on one profile would append every event twice: the first
    // writes the capture, the others show the tail, say that they do not write, and one of
    // them takes the capture over when its writer stops.
    const got = acquire(lock);
    t = {
      writer: captureWriter(this.opts.profile, node, { dir: this.opts.dir, secrets: this.opts.secrets }),
      files,
      lock,
      writes: got.held,
      catchUp: got.held ? { announce: false } : undefined,
      state: loadPosition(files, node),
      status: {},
    };
    this.tails.set(node, t);
    if (!t.writes)
      this.opts.onUpdate({
        events: [],
        notices: [notWritingNotice(node, got.holder)],
        nodes: this.nodeStatus(),
      });
    // What was captured before (this run or an earlier one), shown as history.
    const records = readCaptureTail(files.events, this.historyLimit);
    const typed = (kind: string) => (r: unknown) =>
      typeof r === 'object' && r !== null && (r as { type?: unknown }).type === kind;
    const history = records.filter(typed('event')) as CaptureRecord[];
    // Gaps, resets and restarts said before are history too: without them the events
    // would look complete when they are not.
    const said = (records.filter(typed('notice')) as ({ type: 'notice' } & TailNotice)[]).map(
      ({ type: _type, ...n }) => n,
    );
    // Without a saved position (lost, or never saved), the log's entries that the capture
    // already holds are not recorded again.
    if (!t.state) t.captured = countByGroup(history as unknown as AclLogEvent[]);
    if (history.length || said.length)
      this.opts.onUpdate({
        events: history.map(({ type: _type, ...e }) => e as AclLogEvent),
        notices: said.slice(-10).map((n) => ({ ...n, text: `(earlier) ${n.text}` })),
        nodes: this.nodeStatus(),
        history: true,
      });
    return t;
  }

  private nodeStatus(): Record<string, TailNodeStatus> {
    return Object.fromEntries([...this.tails].map(([id, t]) => [id, t.status]));
  }

  private saveState(t: NodeTail): void {
    // Only a position this feed advanced, and only by the capture's writer (the lock): a
    // console that could not read the log must not rewind another's.
    if (!t.state || !t.advanced || !t.writes) return;
    try {
      savePosition(t.files, t.state);
    } catch {
      // Best effort: without it a restarted console shows the log as history, loses nothing.
    }
  }

  private get historyLimit(): number {
    return this.opts.historyLimit ?? 200;
  }

  /** What happened after this console started is new, not history. */
  private fresh(events: AclLogEvent[]): AclLogEvent[] {
    return events.map((e) => (e.history && e.lastSeen >= this.startedAt ? { ...e, history: undefined } : e));
  }

  private ours(t: NodeTail, n: TailNotice): TailNotice {
    if (n.kind !== 'reset' || !t.resetByUs) return n;
    return { ...n, text: 'ACL LOG was reset from this console (R); the capture kept everything before it' };
  }

  /**
   * Every poll asks for the capture's lock: a console that is not the writer takes the
   * capture over once its writer has stopped (or died: its lock is then stale), and a writer
   * whose lock was removed under it stops writing rather than write beside another.
   */
  private claim(t: NodeTail, node: string, notices: TailNotice[]): void {
    const got = acquire(t.lock);
    if (got.held && !t.writes) {
      t.writes = true;
      t.catchUp = { from: got.tookOverFrom, announce: true };
    } else if (!got.held && t.writes) {
      t.writes = false;
      notices.push(lostNotice(node, got.holder));
    }
  }

  private async poll(): Promise<boolean> {
    const events: AclLogEvent[] = [];
    const notices: TailNotice[] = [];
    const now = Date.now();
    let allRead = true;
    let slowest = 0;
    const say = (t: NodeTail, node: string, kind: TailNotice['kind'], text: string) => {
      if (kind !== 'recovered' && t.status.problem === text) return; // said once, not every poll
      const n: TailNotice = { node, kind, at: now, text };
      notices.push(n);
      if (t.writes) t.writer.append({ type: 'notice', ...n });
      t.status = { ...t.status, problem: kind === 'recovered' ? undefined : text };
    };
    await Promise.all(
      this.opts.target.status().nodes.map(async (st) => {
        const t = this.tail(st.id);
        const node = this.opts.target.node(st.id);
        if (st.state !== 'ready' || !node) {
          allRead = false;
          // A node still connecting at start is the header's business; one that was tailed
          // and went away, or failed, is said here.
          if (t.status.lastOkAt !== undefined || st.state === 'failed' || st.error !== undefined)
            say(
              t,
              st.id,
              'error',
              `node ${st.state}: not tailed until it answers; its log is caught up then`,
            );
          return;
        }
        // Each denied ACL LOG writes a NOPERM entry into that very log: ask once a minute.
        if (t.deniedUntil !== undefined && now < t.deniedUntil) {
          allRead = false;
          return;
        }
        try {
          if (t.maxLen === undefined) t.maxLen = (await aclLogMaxLen(node)) ?? null;
          // The whole log: its length when known, else more than any sane acllog-max-len.
          const asked = Date.now();
          const snap = await readAclLogSnapshot(node, t.maxLen === null ? 10_000 : t.maxLen + 16);
          slowest = Math.max(slowest, Date.now() - asked);
          if (t.status.problem) say(t, st.id, 'recovered', 'tailing again');
          this.claim(t, st.id, notices);
          const ctx = {
            node: st.id,
            now,
            runId: snap.runId ?? st.server?.runId,
            maxLen: t.maxLen ?? undefined,
            serverTime: snap.serverTime,
          };
          // What this console shows: new since its own last poll.
          const r = track(t.state, snap.entries, ctx);
          // The first read of a node (no saved position) returns its whole log as history.
          if (t.captured) r.events = withoutCapturedHistory(r.events, t.captured);
          t.captured = undefined;
          // What the capture gets: the same, unless this console has just become its writer.
          const kept = t.catchUp && t.writes ? catchUp(t.files, snap.entries, ctx, this.historyLimit) : r;
          t.state = kept.state;
          t.advanced = true;
          t.status = { ...t.status, lastOkAt: now, maxLen: t.maxLen ?? undefined };
          const shown = { events: this.fresh(r.events), notices: r.notices.map((n) => this.ours(t, n)) };
          const saved = {
            events: this.fresh(kept.events),
            notices: kept.notices.map((n) => this.ours(t, n)),
          };
          if (kept !== r) {
            // A gap in the capture (the log rolled over while no one wrote it) is said too.
            shown.notices.push(...saved.notices.filter((n) => !shown.notices.some((m) => m.text === n.text)));
            if (t.catchUp?.announce) {
              const added = saved.events.reduce((n, e) => n + e.count, 0);
              const n = takeoverNotice(st.id, t.catchUp.from, added);
              saved.notices.push(n);
              shown.notices.push(n);
            }
          }
          t.catchUp = undefined;
          if ([...shown.notices, ...saved.notices].some((n) => n.kind === 'reset')) t.resetByUs = false;
          const records: CaptureRecord[] = [
            ...saved.events.map((e) => ({ type: 'event' as const, ...e })),
            ...saved.notices.map((n) => ({ type: 'notice' as const, ...n })),
          ];
          // On disk before on screen: a crash after this loses nothing that was shown.
          if (records.length && t.writes) {
            t.writer.appendMany(records);
            this.saveState(t);
          }
          events.push(...shown.events);
          notices.push(...shown.notices);
        } catch (err) {
          allRead = false;
          const e = explain(err, this.opts.secrets);
          if (e.code === 'SEC003') t.deniedUntil = now + 60_000;
          say(
            t,
            st.id,
            'error',
            e.code === 'SEC003'
              ? 'ACL LOG not permitted (SEC003): grant the console user +acl|log'
              : `ACL LOG failed: ${e.message}`,
          );
        }
      }),
    );
    this.serverMs = slowest;
    this.opts.onUpdate({ events, notices, nodes: this.nodeStatus() });
    // A node down is the connection's to retry: the feed keeps its pace, so it is tailing
    // again within a second of the node coming back.
    return allRead;
  }
}
