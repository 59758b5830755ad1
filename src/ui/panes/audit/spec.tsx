// The Audit pane, not built yet: a placeholder spec until it exists.
import { placeholderSpec } from '../placeholder/placeholder-pane.js';

export const auditPane = placeholderSpec({
  id: 'audit',
  title: 'Audit',
  aliases: ['audit'],
  what: 'Security audit and maturity score (Basic, Standard, High, Paranoid).',
  needs: '+config|get +acl|list +info',
});
