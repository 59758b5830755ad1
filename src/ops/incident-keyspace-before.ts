// The key space when the evidence was taken (each node's `dbsize` artefact), read back from the
// incident's evidence files for the Investigate step's "before / after". A file that is missing,
// changed since (its SHA-256 no longer the manifest's) or unreadable gives no number: "not known".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident } from '../domain/incident/types.js';
import { sha256 } from './incident-store.js';
import type { IncidentStore } from './incident-store.js';

export function keyspaceBefore(store: IncidentStore, inc: Incident): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of inc.manifest) {
    if (m.what !== 'dbsize' || !('file' in m)) continue;
    try {
      const bytes = readFileSync(join(store.dirOf(inc.id), m.file));
      if (sha256(bytes) !== m.sha256) continue;
      const data = (JSON.parse(bytes.toString('utf8')) as { data?: unknown }).data;
      if (typeof data === 'number' && Number.isFinite(data)) out[m.node] = data;
    } catch {
      // Not known: the row says so.
    }
  }
  return out;
}
