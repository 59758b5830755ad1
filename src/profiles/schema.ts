// The shape of a saved connection profile and of the connection flags the CLI takes.
// A profile never holds a secret, only where to find it (PasswordSource), except the
// explicit, warned-about `plain` source.

export type PasswordSource =
  | { kind: 'none' }
  | { kind: 'prompt' }
  | { kind: 'env'; name: string }
  | { kind: 'file'; path: string }
  | { kind: 'keyring' }
  | { kind: 'plain'; value: string };

export interface TlsSettings {
  enabled: boolean;
  cacert?: string;
  cacertdir?: string;
  cert?: string;
  key?: string;
  sni?: string;
  insecure?: boolean;
}

/** Where and how to connect: everything but the secret itself. */
export interface ConnectionSpec {
  host?: string;
  port?: number;
  socket?: string;
  uri?: string;
  user?: string;
  tls?: TlsSettings;
  cluster?: boolean;
}

export interface Profile extends ConnectionSpec {
  name: string;
  password: PasswordSource;
  readOnly?: boolean;
  theme?: string;
  notes?: string;
  /** CIDRs the operator expects clients to come from (Clients pane highlights others). */
  expectedNetworks?: string[];
  /** ACL LOG events per minute that raise an alert in the tail. */
  alertRate?: number;
}

export const PROFILE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A profile as it may be shown or journaled: a plain-text password is replaced by a marker. */
export function publicProfile(p: Profile): Profile {
  return p.password.kind === 'plain' ? { ...p, password: { kind: 'plain', value: '‹redacted›' } } : p;
}
