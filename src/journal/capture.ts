// Feed captures (ACL LOG entries first): one JSONL file per profile and node under
// stateDir()/captures, so events survive the server's bounded log rolling over.
import path from 'node:path';
import { redactDeep } from '../domain/redact.js';
import { appendLinesDurable } from './durable-append.js';
import { toJsonSafe } from './json-safe.js';
import { ensurePrivateDir, stateDir } from './paths.js';
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

export function captureWriter(profile: string, node: string, options: CaptureOptions = {}): CaptureWriter {
  const file = capturePath(profile, node, options.dir);
  const secrets = (options.secrets ?? []).filter(Boolean);
  const toLine = (record: unknown): string => JSON.stringify(redactDeep(toJsonSafe(record) ?? null, secrets));
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
