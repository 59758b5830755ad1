// The Users pane's overlays, by view name (see ../spec.ts; open-overlay.ts opens them).
import type { OverlaySize } from '../spec.js';
import { DriftView } from './drift-view.js';
import { RuleEditor } from './rule-editor.js';
import { UserPassword } from './user-password.js';
import { UserTest } from './user-test.js';

export const USERS_OVERLAYS = {
  /** The ACL rule editor: `user` absent creates a user (from a template). */
  'rule-editor': (p: { user?: string }, { width, height }: OverlaySize) => (
    <RuleEditor user={p.user} width={width} height={height} />
  ),
  'user-test': (p: { user: string }, { width }: OverlaySize) => <UserTest user={p.user} width={width} />,
  'user-password': (p: { user: string }, { width }: OverlaySize) => (
    <UserPassword user={p.user} width={width} />
  ),
  /** The users x nodes drift matrix of a cluster. */
  'acl-drift': (_p: Record<string, never>, { width, height }: OverlaySize) => (
    <DriftView width={width} height={height} />
  ),
};
