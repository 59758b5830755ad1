// The Incident pane, not built yet: a placeholder spec until it exists.
import { placeholderSpec } from '../placeholder/placeholder-pane.js';

export const incidentPane = placeholderSpec({
  id: 'incident',
  title: 'Incident',
  aliases: ['incident', 'ir'],
  what: 'Guided incident response: block, investigate, remediate.',
  needs: 'the grants of the panes it drives',
});
