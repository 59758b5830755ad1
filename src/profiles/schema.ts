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
  /** ACL LOG events per minute that raise the rate alert; 0: none (the auth-burst alert stays). */
  alertRate?: number;
  /** The pane the console opens on with this profile (an id or palette name: users, log, ...). */
  pane?: string;
}

export const PROFILE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A profile as it may be shown or journaled: a plain-text password is replaced by a marker. */
export function publicProfile(p: Profile): Profile {
  return p.password.kind === 'plain' ? { ...p, password: { kind: 'plain', value: '‹redacted›' } } : p;
}

/**
 * Relative file paths resolved against `cwd`: a profile is used from any directory, so
 * `--cacert ca.crt` must mean the file the operator pointed at when saving it.
 */
export function withAbsolutePaths(p: Profile, resolve: (path: string) => string): Profile {
  const tls = p.tls && {
    ...p.tls,
    ...(p.tls.cacert && { cacert: resolve(p.tls.cacert) }),
    ...(p.tls.cacertdir && { cacertdir: resolve(p.tls.cacertdir) }),
    ...(p.tls.cert && { cert: resolve(p.tls.cert) }),
    ...(p.tls.key && { key: resolve(p.tls.key) }),
  };
  const password: PasswordSource =
    p.password.kind === 'file' ? { kind: 'file', path: resolve(p.password.path) } : p.password;
  return { ...p, ...(tls && { tls }), ...(p.socket && { socket: resolve(p.socket) }), password };
}

/** The files a profile names, for a "does not exist" warning when it is saved. */
export function profileFiles(p: Profile): string[] {
  return [
    p.tls?.cacert,
    p.tls?.cacertdir,
    p.tls?.cert,
    p.tls?.key,
    p.password.kind === 'file' ? p.password.path : undefined,
  ].filter((f): f is string => Boolean(f));
}
