// A capture outlives its writer: the console that becomes its writer (at start, or by taking
// the lock of one that stopped or died) writes from where the capture's saved position says,
// not from what it has itself been showing, so what arrived while no one wrote is captured
// when the server still holds it; only a real roll-over of the server's log is a gap (track()
// tells). Nothing twice: the position is saved right after each append, and what a writer
// appended but died before saving the position for is subtracted.
import { countByGroup, withoutCapturedHistory, withoutCapturedSince } from '../../domain/acl-log/captured.js';
import { track } from '../../domain/acl-log/track.js';
import type { TrackContext, TrackResult, TrackState } from '../../domain/acl-log/track.js';
import type { AclLogEntry, AclLogEvent, TailNotice } from '../../domain/acl-log/types.js';
import {
  captureSize,
  readCaptureFrom,
  readCaptureTail,
  readSideFile,
  writeSideFile,
} from '../../journal/capture.js';
import type { LockHolder } from '../../journal/capture-lock.js';

export interface CaptureFiles {
  events: string;
  state: string;
}

/** The tracker's position, and how many bytes of the capture it accounts for. */
export type SavedPosition = TrackState & { captureBytes?: number };

export function loadPosition(files: CaptureFiles, node: string): SavedPosition | undefined {
  const saved = readSideFile(files.state) as SavedPosition | undefined;
  return saved?.node === node ? saved : undefined;
}

export function savePosition(files: CaptureFiles, state: TrackState): void {
  const saved: SavedPosition = { ...state, captureBytes: captureSize(files.events) };
  writeSideFile(files.state, saved);
}

const events = (records: unknown[]): AclLogEvent[] =>
  records.filter(
    (r) => typeof r === 'object' && r !== null && (r as { type?: unknown }).type === 'event',
  ) as AclLogEvent[];

/**
 * What the capture gets from this poll when this console has just become its writer: the
 * log tracked from the saved position (or, without one, the log less what the capture holds).
 */
export function catchUp(
  files: CaptureFiles,
  entries: AclLogEntry[],
  ctx: TrackContext,
  historyLimit: number,
): TrackResult {
  const saved = loadPosition(files, ctx.node);
  const r = track(saved, entries, ctx);
  if (!saved) {
    const held = countByGroup(events(readCaptureTail(files.events, historyLimit)));
    return { ...r, events: withoutCapturedHistory(r.events, held) };
  }
  // An older position file does not say how much it covers: trust it to cover all.
  const from = saved.captureBytes ?? captureSize(files.events);
  const beyond = countByGroup(events(readCaptureFrom(files.events, from)));
  return { ...r, events: withoutCapturedSince(r.events, beyond) };
}

const who = (h: LockHolder | undefined): string =>
  h === undefined || h.pid === 0
    ? 'another console'
    : `another console (pid ${h.pid}${h.host ? ` on ${h.host}` : ''})`;

/** Said by a console that shows the tail while another writes the capture. */
export function notWritingNotice(node: string, holder: LockHolder | undefined): TailNotice {
  return {
    node,
    kind: 'error',
    at: Date.now(),
    text:
      `${who(holder)} writes this capture (same profile): this one shows the tail but does not ` +
      'write it, unless that console stops while this one runs (then it takes the capture over)',
  };
}

/** Said (and captured) by the console that took the capture over. */
export function takeoverNotice(
  node: string,
  from: (LockHolder & { why?: string }) | undefined,
  added: number,
): TailNotice {
  const before =
    from && from.pid !== 0
      ? `the console that wrote it (pid ${from.pid}) stopped${from.why ? ` (${from.why})` : ''}`
      : 'the console that wrote it stopped';
  return {
    node,
    kind: 'recovered',
    at: Date.now(),
    text:
      `took over writing the capture: ${before}; captured from its saved position on ` +
      `(${added} event${added === 1 ? '' : 's'} it had not captured)`,
  };
}

/** Said by a writer whose lock file was removed or replaced under it (by hand, or a profile's deletion). */
export function lostNotice(node: string, holder: LockHolder | undefined): TailNotice {
  return {
    node,
    kind: 'error',
    at: Date.now(),
    text: `this console lost the capture's lock (its file was removed or replaced): it stops writing the capture${holder ? `; ${who(holder)} writes it` : ''}`,
  };
}
