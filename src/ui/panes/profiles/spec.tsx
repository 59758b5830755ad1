// The Profiles pane as one value (see ../spec.ts).
import { paneNames } from '../names.js';
import type { PaneSpec } from '../spec.js';
import { PROFILES_BINDINGS } from './bindings.js';
import { PROFILES_OVERLAYS } from './overlays.js';
import { ProfilesPane } from './profiles-pane.js';

export const profilesPane: PaneSpec = {
  id: 'profiles',
  title: 'Profiles',
  aliases: paneNames('profiles'),
  component: ProfilesPane,
  bindings: PROFILES_BINDINGS,
  overlays: PROFILES_OVERLAYS,
  headless: 'profiles',
  list: true,
};
