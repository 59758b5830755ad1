// The Incident pane's data: every incident on disk (the list view), the one open in the
// incident view (as last saved: the store is the truth, this is its copy for the screen), the
// step whose view is shown, and what the last step said (a MONITOR sample's counts, the key
// space before and after, the persist notes), so a redraw never re-asks the server.
import type { Incident, Phase } from '../domain/incident/types.js';
import type { Suggestion } from '../ops/incident-flow.js';

export interface IncidentListRow {
  id: string;
  incident?: Incident;
  /** The step an open incident is at. */
  at?: string;
  /** Why incident.json could not be read. */
  error?: string;
}

export interface KeyspaceLine {
  node: string;
  before?: number;
  after?: number;
  error?: string;
}

export interface IncidentSlice {
  status: 'idle' | 'busy';
  /** While something runs: "taking evidence from 3 nodes…". */
  progress?: string;
  list: IncidentListRow[];
  /** The incident in the incident view. */
  open?: Incident;
  /** The step whose view is shown (default: the incident's current step). */
  step?: Phase;
  /** The open incident's containments, with what became of each (suggestions()). */
  suggestions: Suggestion[];
  /** Said at the top of a resumed incident: actions whose result was never seen. */
  resume: string[];
  /** The last step's own output, for its view: one line each. */
  said: { step: Phase; lines: string[] }[];
  keyspace?: KeyspaceLine[];
  /** The persist operations' notes (a node with nothing to persist to). */
  persistNotes?: string[];
}

export const initialIncident = (): IncidentSlice => ({
  status: 'idle',
  list: [],
  suggestions: [],
  resume: [],
  said: [],
});
