// The Certs pane's keys (data: its spec, the footer, help and the tests read them). The wizard
// itself is an overlay: typing there is text, so its own keys are Enter (on), Esc (back), the
// arrows and Tab; `w` and `o` below act in its last step (Next steps).
import type { Binding } from '../../keymap/bindings.js';

export const CERTS_BINDINGS: Binding[] = [
  {
    // `n` new, as in Users and Profiles.
    id: 'certs.new',
    keys: ['n'],
    description:
      'New certificates: the wizard (CA, server, client, a deployment, or sign with an existing CA)',
    short: 'new',
    scope: 'certs',
    hint: true,
  },
  {
    id: 'certs.inspect',
    keys: ['i'],
    description: 'Inspect certificate files (a path prompt): facts and what is wrong',
    short: 'inspect',
    scope: 'certs',
    hint: true,
  },
  {
    // `c` is the ACL Log's clients (one key, one meaning: test/ui/keymap-collisions.test.ts).
    id: 'certs.check',
    keys: ['C'],
    description: 'Check the live server of the open connection: a TLS handshake, what it presents',
    short: 'check live',
    scope: 'certs',
    needsConnection: true,
    hint: true,
  },
  {
    // `w` saves, as in Users (w writes the ACL file).
    id: 'certs.save',
    keys: ['w'],
    description: "In the wizard's Next steps: save a profile that uses the new client certificate",
    scope: 'certs',
  },
  {
    id: 'certs.reload',
    keys: ['o'],
    description:
      "In the wizard's Next steps: load the new files into the running server (CONFIG SET tls-cert-file ...), then a handshake",
    scope: 'certs',
    dangerous: true,
    needsConnection: true,
  },
];
