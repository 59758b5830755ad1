// Every pane's id and palette names, without the panes' code: `profiles add --pane`, the
// profile check and the start-up rule read them without loading Ink. Each spec takes its
// aliases from here (test/ui/keymap/palette-entries.test.ts checks the registry lists the same panes).
import type { PaneId } from '../../state/app-state.js';

const NAMES: Readonly<Record<PaneId, readonly string[]>> = {
  users: ['users', 'acl'],
  'acl-log': ['log', 'acl-log'],
  clients: ['clients'],
  audit: ['audit'],
  certs: ['certs', 'tls'],
  incident: ['incident', 'ir'],
  profiles: ['profiles'],
};

/** A pane's palette names; the id is always one of them. */
export function paneNames(id: PaneId): readonly string[] {
  const names = NAMES[id];
  if (!names) throw new Error(`no pane ${id}`);
  return names;
}

export const PANE_IDS: readonly PaneId[] = Object.keys(NAMES);

/** The pane an id or alias names (`log` -> `acl-log`), or undefined. */
export function paneIdByName(name: string): PaneId | undefined {
  const n = name.trim().toLowerCase();
  return PANE_IDS.find((id) => id === n || NAMES[id]?.includes(n));
}

/** Every name a pane may be given by, for a usage error. */
export const allPaneNames = (): string[] => [...new Set(PANE_IDS.flatMap((id) => [id, ...paneNames(id)]))];

/** What is wrong with a `--pane` / profile `pane` value, naming the valid ones; undefined when it names a pane. */
export function paneNameProblem(name: string, where: string): string | undefined {
  if (paneIdByName(name)) return undefined;
  return `${where}: no pane "${name}" (there are: ${allPaneNames().join(', ')})`;
}

/**
 * The pane the console opens on: `--pane`, else the profile's own, else Users when there is
 * something to connect to (an address, a profile, the demo) and Profiles when there is not.
 */
export function openingPane(o: { flag?: PaneId; profile?: PaneId; target: boolean }): PaneId {
  return o.flag ?? o.profile ?? (o.target ? 'users' : 'profiles');
}
