// A small model of Redis's ACL LOG (acl.c addACLLogEntry / ACLLogMatchEntry): repeats join
// an entry of the same reason/context/object/username among the 10 newest when it was last
// updated at most 60 s before (the joined entry moves to the head, takes the new client
// info and time); otherwise a new entry goes to the head and the oldest are dropped past
// acllog-max-len. It also records where every violation went, so a test knows the truth.
import type { AclLogEntry } from '../../../src/domain/acl-log/types.js';

export interface Group {
  reason: string;
  context: string;
  object: string;
  username: string;
}

interface ModelEntry extends Group {
  count: number;
  ctime: number;
  cinfo: string;
  id: number;
  created: number;
}

export class AclLogModel {
  entries: ModelEntry[] = [];
  now = 1_700_000_000_000;
  runId = 'run-1';
  private nextId = 0;
  private runs = 1;
  /** Violations since the last poll, each with the entry it went into. */
  pending: { entry: ModelEntry; beforeReset: boolean }[] = [];
  resetSincePoll = false;
  restartSincePoll = false;
  maxLenChangedSincePoll = false;

  constructor(
    public maxLen: number,
    private readonly withIds: boolean,
  ) {}

  advance(ms: number): void {
    this.now += ms;
  }

  violate(g: Group, client: string): void {
    const match = this.entries
      .slice(0, 10)
      .find(
        (e) =>
          e.reason === g.reason &&
          e.context === g.context &&
          e.object === g.object &&
          e.username === g.username &&
          Math.abs(this.now - e.ctime) <= 60_000,
      );
    let entry: ModelEntry;
    if (match) {
      this.entries.splice(this.entries.indexOf(match), 1);
      this.entries.unshift(match);
      match.count += 1;
      match.ctime = this.now;
      match.cinfo = client;
      entry = match;
    } else {
      entry = { ...g, count: 1, ctime: this.now, cinfo: client, id: this.nextId++, created: this.now };
      this.entries.unshift(entry);
      while (this.entries.length > this.maxLen) this.entries.pop();
    }
    this.pending.push({ entry, beforeReset: false });
  }

  reset(): void {
    this.entries = [];
    for (const p of this.pending) p.beforeReset = true;
    this.resetSincePoll = true;
  }

  restart(): void {
    this.reset();
    this.nextId = 0;
    this.runs += 1;
    this.runId = `run-${this.runs}`;
    this.restartSincePoll = true;
  }

  setMaxLen(n: number): boolean {
    // Two changes between polls could hide a rollover from anyone: the tracker documents it.
    if (this.maxLenChangedSincePoll) return false;
    this.maxLen = n;
    this.maxLenChangedSincePoll = true;
    return true;
  }

  /** ACL LOG <big>, as parseAclLog returns it; ages formatted as Redis's %.17g. */
  reply(): AclLogEntry[] {
    return this.entries.map((e) => {
      const out: AclLogEntry = {
        count: e.count,
        reason: e.reason,
        context: e.context,
        object: e.object,
        username: e.username,
        ageSeconds: Number(((this.now - e.ctime) / 1000).toPrecision(17)),
        clientInfo: e.cinfo,
      };
      if (this.withIds) {
        out.entryId = e.id;
        out.timestampCreated = e.created;
        out.timestampLastUpdated = e.ctime;
      }
      return out;
    });
  }

  /** The truth about the interval that a poll closes, then a fresh interval. */
  closeInterval(): { violations: number; lost: number; reset: boolean; restart: boolean } {
    const live = new Set(this.entries);
    const violations = this.pending.length;
    const lost = this.pending.filter((p) => p.beforeReset || !live.has(p.entry)).length;
    const out = { violations, lost, reset: this.resetSincePoll, restart: this.restartSincePoll };
    this.pending = [];
    this.resetSincePoll = false;
    this.restartSincePoll = false;
    this.maxLenChangedSincePoll = false;
    return out;
  }
}
