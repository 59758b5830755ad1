// `redis-warden tail`: the ACL Log pane, headless. It runs the pane's own feed, so the
// headless tail captures exactly as the TUI does (same capture files, same tracker state):
// one poll prints what the capture and the server hold; --follow then streams new events
// until SIGINT/SIGTERM. Exit: 0 read every node (or interrupted), 1 some node could not be
// read while others were (the output misses that node), 2 usage, no connection, no node read.
import type { AclLogEvent, TailNotice } from '../domain/acl-log/types.js';
import type { Alert } from '../domain/acl-log/alerts.js';
import { parseAlertRate } from './alert-flag.js';
import { alertJson, alertStderr, TailAlerts } from './tail-alerts.js';
import type { NodeStatus } from '../redis/node.js';
import type { TailNodeStatus } from '../state/acl-log-slice.js';
import { toDisplay } from '../domain/display.js';
import { AclLogFeed } from '../state/feeds/acl-log-feed.js';
import type { FeedUpdate } from '../state/feeds/acl-log-feed.js';
import type { AclFlags } from './acl-session.js';
import { openAcl } from './acl-session.js';
import { onInterrupt } from './signals.js';
import type { CommandContext } from './context.js';
import { UsageError } from './context.js';
import { matchesEvent, matchesNotice, parseFilter } from './tail-filter.js';
import type { TailFilter, TailFilterFlags } from './tail-filter.js';
import {
  eventJson,
  nodeColumnWidth,
  noticeJson,
  noticeLine,
  normaliseEvent,
  tableHeader,
  tableLayout,
  tableRow,
} from './tail-format.js';
import type { TableLayout } from './tail-format.js';
import { jsonLine } from './output.js';
import { watchStdoutReader } from './stdout-reader.js';

export interface TailFlags extends AclFlags, TailFilterFlags {
  follow?: boolean;
  /** Events per minute for the rate alert, over the profile's; 0: none (--alert-rate). */
  alertRate?: string;
}

// The capture keeps far more than the pane's 200 rows; the headless tail prints what the
// last 2 MB of each node's capture hold (readCaptureTail's window), up to this many events.
const HISTORY_LIMIT = 10_000;

interface Shown {
  event: AclLogEvent;
  history: boolean;
}

/** Where lines go: stdout (table or JSON lines), notices on stderr (and stdout with --json). */
class TailPrinter {
  private headerDone = false;
  constructor(
    private readonly ctx: CommandContext,
    private readonly json: boolean,
    private readonly layout: TableLayout,
    private readonly filter: TailFilter,
  ) {}

  header(): void {
    if (this.json || this.headerDone) return;
    this.headerDone = true;
    process.stdout.write(`${tableHeader(this.layout)}\n`);
  }

  /** Oldest first: what the capture held, then what the server showed. */
  events(rows: Shown[]): number {
    const now = Date.now();
    const kept = this.kept(rows, now).sort(
      (a, b) => Number(b.history) - Number(a.history) || a.event.lastSeen - b.event.lastSeen,
    );
    if (!kept.length) return 0;
    this.header();
    const lines = kept.map((r) =>
      this.json ? jsonLine(eventJson(r.event, r.history)) : tableRow(this.layout, r.event),
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    return kept.length;
  }

  /** The rows the filters let through: what is printed, and what alerts judge. */
  kept(rows: Shown[], now = Date.now()): Shown[] {
    return rows.filter((r) => matchesEvent(this.filter, r.event, now));
  }

  /** After the events that raised them, so a reader sees the cause first. */
  alerts(as: Alert[]): void {
    for (const a of as) {
      this.ctx.warn(alertStderr(a));
      if (this.json) process.stdout.write(`${jsonLine(alertJson(a, Date.now()))}\n`);
    }
  }

  notices(ns: TailNotice[]): void {
    for (const n of ns.filter((x) => matchesNotice(this.filter, x))) {
      this.ctx.warn(noticeLine(n));
      if (this.json) process.stdout.write(`${jsonLine(noticeJson(n))}\n`);
    }
  }
}

const shownOf = (u: FeedUpdate): Shown[] =>
  u.events.map((raw) => {
    const event = normaliseEvent(raw);
    return { event, history: Boolean(u.history || event.history) };
  });

/**
 * A node the feed left out without a word (it says nothing of a node still connecting at
 * start: the TUI's header shows that) must still be named, or a partial tail looks whole.
 */
function unsaid(
  status: NodeStatus[],
  relevant: string[],
  read: string[],
  nodes: Record<string, TailNodeStatus>,
): TailNotice[] {
  return status
    .filter((st) => relevant.includes(st.id) && !read.includes(st.id) && !nodes[st.id]?.problem)
    .map((st) => ({
      node: st.id,
      kind: 'error' as const,
      at: Date.now(),
      text: `not read: the node is ${st.state}${st.error ? ` (${st.error.name}: ${st.error.message})` : ''}; it is tailed once it answers`,
    }));
}

interface Stop {
  /** Resolves on Ctrl-C, SIGTERM or a closed stdout or gone reader (`| head`). */
  requested: Promise<void>;
  asked(): boolean;
  /** Takes the handlers back (a second Ctrl-C then kills as usual). */
  release(): void;
}

/**
 * Installed before the first poll: a Ctrl-C during it stops after it (the capture is written
 * whole). A closed stdout is an ordinary way for a reader to stop (`tail | head`), not a crash.
 */
function stopHandlers(follow: boolean): Stop {
  let release = () => {};
  let asked = false;
  const requested = new Promise<void>((resolve) => {
    // Signal listeners do not keep Node alive and the feed's timer is unref'd: this does.
    const keepAlive = follow ? setInterval(() => undefined, 1 << 30) : undefined;
    const done = () => {
      asked = true;
      release();
      resolve();
    };
    const onError = () => done();
    const unclaim = follow ? onInterrupt(done) : () => undefined;
    // While idle no write tells that the reader went (`tail -f | head -2`): watch for it.
    const unwatch = follow ? watchStdoutReader(done) : () => undefined;
    release = () => {
      clearInterval(keepAlive);
      unclaim();
      unwatch();
      process.stdout.off('error', onError);
      process.stdout.off('close', onError);
    };
    process.stdout.once('error', onError);
    process.stdout.once('close', onError);
  });
  return { requested, asked: () => asked, release: () => release() };
}

/** The terminal's width; piped, $COLUMNS or 120 (wide enough for most key names). */
function tableWidth(): number {
  if (process.stdout.isTTY) return Math.max(80, process.stdout.columns);
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env >= 80 ? Math.min(env, 1000) : 120;
}

const flushed = () => new Promise<void>((resolve) => process.stdout.write('', () => resolve()));

export async function tail(ctx: CommandContext, flags: TailFlags): Promise<number> {
  const filter = parseFilter(flags); // before connecting: a typo is a usage error, not an empty tail
  const alertRate = parseAlertRate(flags.alertRate);
  // Ctrl-C while connecting ends the process at once, as any CLI's; from here on it is clean.
  const s = await openAcl(ctx, flags);
  const stop = stopHandlers(Boolean(flags.follow));
  let stopped = false;
  let feed: AclLogFeed | undefined;
  try {
    const ids = s.target.nodeIds();
    if (filter.node !== undefined && !ids.some((id) => id === filter.node || toDisplay(id) === filter.node))
      throw new UsageError(`--node: no node "${filter.node}" here; the nodes are: ${ids.join(', ')}`);
    const relevant =
      filter.node === undefined
        ? ids
        : ids.filter((id) => id === filter.node || toDisplay(id) === filter.node);
    const width = tableWidth();
    const layout = tableLayout(width, relevant.length > 1 ? nodeColumnWidth(relevant) : 0);
    const out = new TailPrinter(ctx, Boolean(flags.json), layout, filter);
    // The flag, else the profile's alertRate, else the default rules (as the console's).
    const profileRate = s.env.profile === undefined ? undefined : ctx.profiles.get(s.env.profile)?.alertRate;
    const alerts = new TailAlerts({ rate: alertRate ?? profileRate });

    // The first poll's updates (history per node, then the poll) are gathered and printed
    // together, oldest first; after that each update is printed as it comes.
    let first: Shown[] | undefined = [];
    let nodes: Record<string, TailNodeStatus> = {};
    feed = new AclLogFeed({
      target: s.target,
      profile: s.env.profile ?? s.target.address, // as the TUI names its capture
      secrets: s.target.secrets,
      historyLimit: HISTORY_LIMIT,
      onUpdate: (u) => {
        if (stopped) return; // nothing is printed after the tail was told to stop
        nodes = { ...nodes, ...u.nodes };
        const shown = shownOf(u);
        if (first) first.push(...shown);
        else out.events(shown);
        out.notices(u.notices);
        // Only what happened while following: history is no burst happening now.
        if (!first && !u.history)
          out.alerts(alerts.observe(out.kept(shown.filter((r) => !r.history)).map((r) => r.event)));
      },
    });
    try {
      await feed.pollNow();
    } catch {
      // Every node was down: said per node below.
    }
    if (flags.follow) s.bound.lift(); // bounded: connecting and the first read; then until stopped
    // Read in this poll: lastOkAt is only ever set by a successful read.
    const read = relevant.filter((id) => nodes[id]?.lastOkAt !== undefined && !nodes[id].problem);
    out.notices(unsaid(s.target.status().nodes, relevant, read, nodes));
    if (!read.length) {
      stopped = true;
      throw new Error(
        `could not read the ACL LOG of ${relevant.length === 1 ? 'the node' : `any of the ${relevant.length} nodes`} (see above)`,
      );
    }
    const batch = first;
    first = undefined;
    const count = out.events(batch);
    if (flags.follow && stop.asked()) return 0; // Ctrl-C during the first poll
    if (!flags.follow) {
      if (!count && !flags.json) ctx.warn('no ACL LOG events' + (batch.length ? ' match the filters' : ''));
      return read.length === relevant.length ? 0 : 1;
    }
    out.header();
    ctx.warn(`following the ACL LOG of ${read.length} node(s); Ctrl-C stops`);
    feed.start();
    await stop.requested;
    return 0;
  } finally {
    stop.release();
    stopped = true;
    feed?.stop();
    await s.close();
    if (!process.stdout.destroyed) await flushed();
  }
}
