// The Profiles pane as one value (see ../spec.ts).
import type { PaneSpec } from '../spec.js';
import { PROFILES_BINDINGS } from './bindings.js';
import { ProfileForm } from './profile-form.js';
import { ProfilesPane } from './profiles-pane.js';

export const profilesPane: PaneSpec = {
  id: 'profiles',
  title: 'Profiles',
  aliases: ['profiles'],
  component: ProfilesPane,
  bindings: PROFILES_BINDINGS,
  overlays: {
    'profile-form': (o, { width, height, themes }) => (
      <ProfileForm editing={o.editing} themes={themes} width={width} height={height} />
    ),
  },
  headless: 'profiles',
  list: true,
};
