// Append-only JSONL audit trail: mutations, feed captures, incident steps, profile
// changes. Entries are redacted before they are serialised, so a secret handed in by
// mistake (an ACL SETUSER `>password` in args) never reaches the disk.
import fs from 'node:fs';
import path from 'node:path';
import { redactDeep } from '../domain/redact.js';
import { currentActor } from './actor.js';
import { appendLinesDurable } from './durable-append.js';
import { jsonLine, toJsonSafe } from './json-safe.js';
import { ensurePrivateDir, formatMode, stateDir } from '../fs/xdg.js';
import { JOURNAL_KINDS } from './types.js';
import type { JournalEntry, JournalFilter, JournalInput, JournalScan } from './types.js';

export type {
  JournalEntry,
  JournalFilter,
  JournalInput,
  JournalKind,
  JournalOutcome,
  JournalScan,
} from './types.js';

export const JOURNAL_FILE = 'journal.jsonl';

export interface JournalOptions {
  /** Directory of the journal; default stateDir(). */
  dir?: string;
  /** File name inside `dir`, or an absolute path. */
  file?: string;
  /** Secrets known when the journal is opened (resolved passwords). */
  secrets?: readonly string[];
}

export interface Journal {
  readonly path: string;
  /** Redacts, appends and fsyncs one entry; returns what was written. */
  append(entry: JournalInput, secrets?: readonly string[]): JournalEntry;
  /** Secrets learnt after opening (a password typed later) are redacted from then on. */
  addSecrets(...secrets: string[]): void;
  read(filter?: JournalFilter): JournalEntry[];
  /** Like read(), and says how many lines were not whole entries. */
  scan(filter?: JournalFilter): JournalScan;
  /** Things the operator should hear about (a journal found readable by others). */
  readonly warnings: readonly string[];
}

export function openJournal(options: JournalOptions = {}): Journal {
  const dir = options.dir ?? stateDir();
  const file = path.resolve(dir, options.file ?? JOURNAL_FILE);
  const known = new Set<string>();
  const warnings: string[] = [];
  const remember = (list: readonly string[] = []): void => {
    for (const s of list) if (s) known.add(s);
  };
  remember(options.secrets);
  ensurePrivateDir(path.dirname(file));

  const write = (line: string): void => {
    let loosened: number | undefined;
    try {
      loosened = appendLinesDurable(file, [line]);
    } catch (err) {
      // The state dir can be removed under us (tmp cleaners, an operator tidying up).
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      ensurePrivateDir(path.dirname(file));
      loosened = appendLinesDurable(file, [line]);
    }
    if (loosened !== undefined) {
      warnings.push(
        `journal ${file} was mode ${formatMode(loosened)} (readable by others); tightened to 0600`,
      );
    }
  };

  return {
    path: file,
    warnings,
    addSecrets: (...secrets) => remember(secrets),
    append(input, secrets = []) {
      const entry = buildEntry(input);
      const redacted = redactDeep(toJsonSafe(entry) as JournalEntry, [...known, ...secrets.filter(Boolean)]);
      // ts, kind and outcome are generated or enum-valued: keep them intact even if a
      // very short secret happened to match inside them.
      const out: JournalEntry = { ...redacted, ts: entry.ts, kind: entry.kind };
      if (entry.outcome !== undefined) out.outcome = entry.outcome;
      write(jsonLine(out));
      return out;
    },
    read: (filter) => scanFile(file, filter).entries,
    scan: (filter) => scanFile(file, filter),
  };
}

function buildEntry(input: JournalInput): JournalEntry {
  if (!JOURNAL_KINDS.includes(input.kind)) throw new TypeError(`unknown journal kind: ${String(input.kind)}`);
  if (typeof input.action !== 'string' || input.action === '')
    throw new TypeError('journal entry needs an action');
  const { profile, as, target, nodes, action, args, outcome, detail } = input;
  // Built in a fixed key order so lines read the same way and diff cleanly.
  const entry = {
    ts: input.ts ?? new Date().toISOString(),
    kind: input.kind,
    actor: input.actor ?? currentActor(),
  } as JournalEntry;
  if (profile !== undefined) entry.profile = profile;
  if (as !== undefined) entry.as = as;
  if (target !== undefined) entry.target = target;
  if (nodes !== undefined) entry.nodes = [...nodes];
  entry.action = action;
  if (args !== undefined) entry.args = args;
  if (outcome !== undefined) entry.outcome = outcome;
  if (detail !== undefined) entry.detail = detail;
  return entry;
}

function scanFile(file: string, filter: JournalFilter = {}): JournalScan {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0 };
    throw err;
  }
  const entries: JournalEntry[] = [];
  let skipped = 0;
  const since = filter.since?.getTime();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const entry = parseEntry(line);
    if (!entry) {
      skipped++;
      continue;
    }
    if (filter.kind && entry.kind !== filter.kind) continue;
    if (filter.profile !== undefined && entry.profile !== filter.profile) continue;
    if (since !== undefined && !(Date.parse(entry.ts) >= since)) continue;
    entries.push(entry);
  }
  const { limit } = filter;
  if (limit !== undefined && limit >= 0)
    return { entries: entries.slice(Math.max(0, entries.length - limit)), skipped };
  return { entries, skipped };
}

function parseEntry(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const e = value as Partial<JournalEntry>;
  if (typeof e.ts !== 'string' || typeof e.action !== 'string' || typeof e.actor !== 'string')
    return undefined;
  if (!e.kind || !JOURNAL_KINDS.includes(e.kind)) return undefined;
  return value as JournalEntry;
}
