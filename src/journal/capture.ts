// Feed captures (ACL LOG entries first): one JSONL file per profile and node under
// stateDir()/captures, so events survive the server's bounded log rolling over.
import fs from 'node:fs';
import path from 'node:path';
import { redactDeep } from '../domain/redact.js';
import { appendLinesDurable } from './durable-append.js';
import { jsonLine, toJsonSafe } from './json-safe.js';
import { ensurePrivateDir, stateDir } from '../fs/xdg.js';
import { safePathSegment } from './safe-name.js';

export interface CaptureWriter {
  readonly path: string;
  append(record: unknown): void;
  /** One write and one fsync for a whole poll's worth of events (a burst of failed AUTHs). */
  appendMany(records: readonly unknown[]): void;
}

export interface CaptureOptions {
  /** Root of the state directory; default stateDir(). */
  dir?: string;
  secrets?: readonly string[];
}

export function capturePath(profile: string, node: string, dir = stateDir()): string {
  const root = path.join(dir, 'captures');
  const file = path.join(root, safePathSegment(profile), `${safePathSegment(node)}.jsonl`);
  // safePathSegment cannot produce a separator or ..; this guards against a future edit that could.
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`capture path escapes ${root}`);
  return file;
}

/** A capture's files: its events, and beside them the tail's saved position and its writer's lock. */
export function captureFiles(
  profile: string,
  node: string,
  dir = stateDir(),
): { events: string; state: string; lock: string } {
  const events = capturePath(profile, node, dir);
  return { events, state: `${events}.state`, lock: `${events}.lock` };
}

/** Removes a node's capture (all its files), and the profile's folder when nothing else is in it. */
export function removeCapture(profile: string, node: string, dir = stateDir()): void {
  const files = captureFiles(profile, node, dir);
  for (const file of Object.values(files)) fs.rmSync(file, { force: true });
  // The lock's successor links and a taker's half-made file (capture-lock.ts).
  const folder = path.dirname(files.lock);
  const lockName = `${path.basename(files.lock)}.`;
  let names: string[] = [];
  try {
    names = fs.readdirSync(folder).filter((n) => n.startsWith(lockName));
  } catch {
    // no folder: nothing left
  }
  for (const n of names) fs.rmSync(path.join(folder, n), { force: true });
  try {
    fs.rmdirSync(path.dirname(files.events));
  } catch {
    // other nodes' captures are there
  }
}

export function captureWriter(profile: string, node: string, options: CaptureOptions = {}): CaptureWriter {
  const file = capturePath(profile, node, options.dir);
  const secrets = (options.secrets ?? []).filter(Boolean);
  const toLine = (record: unknown): string => jsonLine(redactDeep(toJsonSafe(record) ?? null, secrets));
  const write = (lines: string[]): void => {
    ensurePrivateDir(path.dirname(path.dirname(file)));
    ensurePrivateDir(path.dirname(file));
    appendLinesDurable(file, lines);
  };
  return {
    path: file,
    append: (record) => write([toLine(record)]),
    appendMany: (records) => write(records.map(toLine)),
  };
}

/**
 * The last `max` records of a capture (newest last), for the history shown on start. Only
 * the file's tail is read; a torn or foreign line is skipped, never fatal.
 */
export function readCaptureTail(file: string, max: number, tailBytes = 2 * 1024 * 1024): unknown[] {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - tailBytes);
    const buf = Buffer.alloc(size - start);
    fs.readSync(fd, buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n');
    if (start > 0) lines.shift(); // the first line may be cut
    return parseLines(lines.slice(-max - 1)).slice(-max);
  } finally {
    fs.closeSync(fd);
  }
}

/** The capture's length in bytes (0 when there is none): a saved position says how much it covers. */
export function captureSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The records appended after byte `offset` (a whole line starts there); torn lines skipped. */
export function readCaptureFrom(file: string, offset: number): unknown[] {
  let text: string;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      if (offset >= size) return [];
      const buf = Buffer.alloc(size - offset);
      fs.readSync(fd, buf, 0, buf.length, offset);
      text = buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return [];
  }
  return parseLines(text.split('\n'));
}

function parseLines(lines: string[]): unknown[] {
  const out: unknown[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // a line torn by a crash: the records around it still count
    }
  }
  return out;
}

/** A small side file next to a capture (the tail's position), replaced atomically, 0600. */
export function writeSideFile(file: string, data: unknown): void {
  ensurePrivateDir(path.dirname(path.dirname(file)));
  ensurePrivateDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function readSideFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
