// `redis-warden incident resume ID`: the console (the same connection flags as the bare
// command) opened on the Incident pane at that incident, at the step it was left at. No such
// incident: exit 2 before the screen is taken.
import type { ConnectionFlags } from './flags.js';
import { IncidentStore } from '../ops/incident-store.js';
import { loaded } from '../shim.js';

export async function incidentResume(flags: ConnectionFlags, id: string): Promise<number> {
  // Throws NoSuchIncident (an input error: exit 2) for an id that is not there or not an id.
  new IncidentStore().load(id);
  const { loadLayoutEngine } = await import('../ui/layout-engine.js');
  await loadLayoutEngine();
  const { startTui } = await import('./start.js');
  loaded(); // the console's code (Ink, yoga) is loaded now
  return startTui(flags, { incident: id });
}
