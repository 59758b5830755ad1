// The Profiles pane's overlay (see ../spec.ts; open-overlay.ts opens it).
import type { OverlaySize } from '../spec.js';
import { ProfileForm } from './profile-form.js';

export const PROFILES_OVERLAYS = {
  /** Add a profile, or edit the one named. */
  'profile-form': (p: { editing?: string }, { width, height, themes }: OverlaySize) => (
    <ProfileForm editing={p.editing} themes={themes} width={width} height={height} />
  ),
};
