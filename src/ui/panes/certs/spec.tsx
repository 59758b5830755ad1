// The Certs pane, not built yet: a placeholder spec until it exists.
import { placeholderSpec } from '../placeholder/placeholder-pane.js';

export const certsPane = placeholderSpec({
  id: 'certs',
  title: 'Certs',
  aliases: ['certs', 'tls'],
  what: 'TLS certificate wizard: CA, server and client certificates, inspection.',
  needs: 'local files; +config|get to read the server TLS settings',
});
