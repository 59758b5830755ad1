// The whole console state. Slices are plain data; actions in actions/ change them.
import type { Profile } from '../profiles/schema.js';
import type { TargetStatus } from '../redis/target.js';
import type { Explained } from '../redis/errors.js';
import type { AccessResult } from '../domain/access.js';
import type { UsersSlice } from './users-slice.js';
import { initialAclLog } from './acl-log-slice.js';
import type { AclLogSlice } from './acl-log-slice.js';
import { initialClients } from './clients-slice.js';
import type { ClientsSlice } from './clients-slice.js';
import { initialAudit } from './audit-slice.js';
import type { AuditSlice } from './audit-slice.js';
import { initialCerts } from './certs-slice.js';
import type { CertsSlice } from './certs-slice.js';
import { initialIncident } from './incident-slice.js';
import type { IncidentSlice } from './incident-slice.js';

/**
 * A pane's id. The panes, their order and their overlays are the UI's (src/ui/panes/registry.tsx):
 * the state only holds which one is shown, so adding a pane touches its folder and one registry line.
 */
export type PaneId = string;

export type Tone = 'info' | 'ok' | 'warning' | 'danger';

export interface Message {
  text: string;
  tone: Tone;
  at: number;
}

export interface ConfirmRequest {
  title: string;
  /** What happens and what it touches, one line each. */
  lines: string[];
  /** When set, the operator must type exactly this to confirm. */
  typed?: string;
  confirmLabel?: string;
  onConfirm: () => void | Promise<void>;
  /** Other answers on their own key (not offered when the name must be typed). */
  alternatives?: { key: string; label: string; run: () => void | Promise<void> }[];
}

export type Overlay =
  /** `offset`: the first line shown of the pane's keys, when they do not fit. */
  | { kind: 'help'; offset?: number }
  /** `selected`: the highlighted entry of what the text finds (Enter runs it). */
  | { kind: 'palette'; text: string; selected?: number }
  | { kind: 'confirm'; request: ConfirmRequest }
  | {
      kind: 'password';
      profile: string;
      purpose: 'connect' | 'test';
      onSubmit: (password: string) => void;
      /** The prompt's own wording ("Password for admin@10.0.0.5:6379"); default: the profile's. */
      title?: string;
    }
  /**
   * One of a pane's own overlays (a form, an editor): its spec draws `view` from `props`, and
   * types them (src/ui/panes/spec.ts, paneOverlayOf).
   */
  | { kind: 'pane'; pane: PaneId; view: string; props: unknown }
  /** What this console did: the journal, newest first (src/ui/shell/journal/). */
  | { kind: 'journal' }
  /** A secret shown once (a generated password); gone from memory when closed. */
  | { kind: 'secret'; title: string; secret: string; note: string };

export interface ProfileTest {
  state: 'running' | 'ok' | 'failed';
  detail?: string;
  error?: Explained;
  /** What the profile's user may do, pane by pane, node by node. */
  access?: AccessResult;
}

export interface SessionInfo {
  profile?: string;
  /** In force now: the --read-only flag or the profile's setting. */
  readOnly: boolean;
  /** --read-only on the command line: stays on whichever profile is opened. */
  forcedReadOnly: boolean;
  /** Theme in force: --theme, else the profile's, else default. */
  theme: string;
  /** --theme on the command line: wins over a profile's theme. */
  forcedTheme?: string;
  /** --alert-rate on the command line: wins over a profile's alertRate (0: no rate alert). */
  alertRate?: number;
  /** The open connection's password was typed: after a WRONGPASS, `r` asks for it again. */
  typedPassword?: boolean;
  /** The connection's own expected networks (the demo's); a saved profile's are in profiles.list. */
  expectedNetworks?: string[];
}

export interface AppState {
  session: SessionInfo;
  connection?: TargetStatus;
  users: UsersSlice;
  aclLog: AclLogSlice;
  clients: ClientsSlice;
  audit: AuditSlice;
  certs: CertsSlice;
  incident: IncidentSlice;
  profiles: {
    list: Profile[];
    defaultName?: string;
    path?: string;
    tests: Record<string, ProfileTest>;
  };
  ui: {
    pane: PaneId;
    overlay: Overlay | null;
    message?: Message;
    filters: Partial<Record<PaneId, string>>;
    filtering: boolean;
    selection: Partial<Record<PaneId, number>>;
  };
}

export function initialState(session: SessionInfo, pane: PaneId): AppState {
  return {
    session,
    users: { status: 'idle', rows: [], sort: { by: 'name', reverse: false }, unsaved: false },
    aclLog: initialAclLog(),
    clients: initialClients(),
    audit: initialAudit(),
    certs: initialCerts(),
    incident: initialIncident(),
    profiles: { list: [], tests: {} },
    ui: { pane, overlay: null, filters: {}, filtering: false, selection: {} },
  };
}
