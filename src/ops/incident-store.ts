// Where incidents live: one directory per incident under the state directory's `incidents/`
// (0700), incident.json rewritten whole after every step (temp file, fsync, rename, then the
// directory fsynced), evidence files written once (0600, never over an existing one) and a
// manifest with each artefact's SHA-256. A kill -9 at any point leaves incident.json as the
// last whole step: a half-written evidence file is in no manifest, so it is never taken as done.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { isOpen, nextIncidentId, nextStep, INCIDENT_ID } from '../domain/incident/model.js';
import { IncidentParseError, parseIncident, serializeIncident } from '../domain/incident/parse.js';
import type { Incident, IncidentTarget, ManifestEntry } from '../domain/incident/types.js';
import { writeUserFile } from '../fs/user-files.js';
import { ensurePrivateDir, stateDir } from '../fs/xdg.js';
import { safePathSegment } from '../journal/safe-name.js';
import { InputError } from './input-error.js';

export const INCIDENT_FILE = 'incident.json';
export const MANIFEST_FILE = 'manifest.json';

/** No incident by that id (exit 2 for a command). */
export class NoSuchIncident extends InputError {}

export const incidentsDir = (dir = stateDir()): string => join(dir, 'incidents');

export const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class IncidentStore {
  readonly root: string;

  constructor(dir = stateDir()) {
    this.root = incidentsDir(dir);
  }

  dirOf(id: string): string {
    if (!INCIDENT_ID.test(id)) throw new NoSuchIncident(`no incident "${id}" (ids look like 2026-12-06-1)`);
    return join(this.root, id);
  }

  /** A new incident's directory, made atomically (mkdir): two consoles never get one id. */
  create(title: string, target: IncidentTarget, now: Date, make: (id: string) => Incident): Incident {
    ensurePrivateDir(this.root);
    for (;;) {
      const id = nextIncidentId(now, this.ids());
      try {
        mkdirSync(join(this.root, id), { mode: 0o700 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw err;
      }
      fsyncDir(this.root);
      const inc = make(id);
      this.save(inc);
      return inc;
    }
  }

  /** incident.json, whole or not at all (writeUserFile: temp, fsync, rename), then its directory. */
  save(inc: Incident): void {
    const dir = this.dirOf(inc.id);
    writeUserFile(join(dir, INCIDENT_FILE), serializeIncident(inc), { mode: 0o600, overwrite: true });
    fsyncDir(dir);
  }

  load(id: string): Incident {
    let text: string;
    try {
      text = readFileSync(join(this.dirOf(id), INCIDENT_FILE), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NoSuchIncident(`no incident "${id}"`);
      throw err;
    }
    const inc = parseIncident(text);
    // A directory copied or renamed by hand: its file would be saved back under the other id.
    if (inc.id !== id)
      throw new IncidentParseError(`incident.id: "${inc.id}" is not its directory's name "${id}"`);
    return inc;
  }

  ids(): string[] {
    try {
      return readdirSync(this.root).filter((n) => INCIDENT_ID.test(n));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  /** Every incident (newest first); one that does not parse is listed with why. */
  list(): ({ id: string; incident: Incident } | { id: string; error: string })[] {
    const order = (id: string) => id.split('-').map(Number);
    return this.ids()
      .sort((a, b) => {
        const [x, y] = [order(a), order(b)];
        for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return y[i]! - x[i]!;
        return 0;
      })
      .map((id) => {
        try {
          return { id, incident: this.load(id) };
        } catch (err) {
          return { id, error: (err as Error).message };
        }
      });
  }

  /** The incidents left open, each with the step it is at: what the console asks about at start. */
  open(): { incident: Incident; at: string }[] {
    return this.list().flatMap((e) =>
      'incident' in e && isOpen(e.incident)
        ? [{ incident: e.incident, at: nextStep(e.incident)?.phase ?? 'close' }]
        : [],
    );
  }

  /**
   * One artefact, written once (0600) under evidence/<node>/, with its hash and size. `again`:
   * a later sample of the same kind (a second MONITOR, one cut short by a kill -9) takes the
   * first free `<what>-N.json` instead of being refused.
   */
  writeArtefact(id: string, node: string, what: string, bytes: string, again = false): ManifestEntry {
    for (let n = 1; ; n++) {
      const name = `${safePathSegment(what)}${n === 1 ? '' : `-${n}`}.json`;
      const file = join('evidence', safePathSegment(node), name);
      const path = join(this.dirOf(id), file);
      ensurePrivateDir(dirname(path));
      try {
        writeUserFile(path, bytes, { mode: 0o600 });
      } catch (err) {
        if (again && existsSync(path)) continue;
        throw err;
      }
      return { node, what, file, sha256: sha256(bytes), bytes: Buffer.byteLength(bytes) };
    }
  }

  /** DBSIZE per node when the evidence was taken, from its `dbsize` artefacts as written. */
  keyspaceBefore(inc: Incident): Record<string, number> {
    const out: Record<string, number> = {};
    for (const m of inc.manifest) {
      if (m.what !== 'dbsize' || !('file' in m)) continue;
      try {
        const text = readFileSync(join(this.dirOf(inc.id), m.file), 'utf8');
        const n = (JSON.parse(text) as { data?: unknown }).data;
        if (typeof n === 'number') out[m.node] = n;
      } catch {
        // a file gone or changed: `before` is not known (show and report say the file changed)
      }
    }
    return out;
  }

  /** manifest.json (0600, once), and its hash: what the journal and the report carry. */
  writeManifest(id: string, manifest: readonly ManifestEntry[]): string {
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    writeUserFile(join(this.dirOf(id), MANIFEST_FILE), text, { mode: 0o600 });
    fsyncDir(this.dirOf(id));
    return sha256(text);
  }

  /** A later evidence's manifest (manifest-N.json, the first N free: 0600, once), its name and hash. */
  writeLaterManifest(id: string, entries: readonly ManifestEntry[]): { file: string; sha256: string } {
    const text = `${JSON.stringify(entries, null, 2)}\n`;
    for (let n = 2; ; n++) {
      const file = `manifest-${n}.json`;
      try {
        writeUserFile(join(this.dirOf(id), file), text, { mode: 0o600 });
      } catch (err) {
        if (existsSync(join(this.dirOf(id), file))) continue;
        throw err;
      }
      fsyncDir(this.dirOf(id));
      return { file, sha256: sha256(text) };
    }
  }

  /** Artefacts whose file no longer matches the manifest (changed, missing), and the manifest's own check. */
  verify(inc: Incident): string[] {
    const dir = this.dirOf(inc.id);
    const bad: string[] = [];
    const entries = [...inc.manifest, ...(inc.later ?? []).flatMap((l) => l.entries)];
    for (const m of entries) {
      if (!('file' in m)) continue;
      try {
        const bytes = readFileSync(join(dir, m.file));
        if (sha256(bytes) !== m.sha256 || statSync(join(dir, m.file)).size !== m.bytes)
          bad.push(`${m.file}: its SHA-256 no longer matches the manifest`);
      } catch {
        bad.push(`${m.file}: missing`);
      }
    }
    if (inc.manifestSha256) {
      try {
        if (sha256(readFileSync(join(dir, MANIFEST_FILE))) !== inc.manifestSha256)
          bad.push(`${MANIFEST_FILE}: its SHA-256 no longer matches the one journaled`);
      } catch {
        bad.push(`${MANIFEST_FILE}: missing`);
      }
    }
    for (const l of inc.later ?? []) {
      try {
        if (sha256(readFileSync(join(dir, l.manifestFile))) !== l.manifestSha256)
          bad.push(`${l.manifestFile}: its SHA-256 no longer matches the one journaled`);
      } catch {
        bad.push(`${l.manifestFile}: missing`);
      }
    }
    return bad;
  }
}
