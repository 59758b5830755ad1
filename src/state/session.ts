// Which server the console is on: resolves a profile plus flag overrides into a
// connection (the password from its source), opens the Target, and mirrors its
// status into the store.
import { addressOf, mergeSpecs } from '../redis/connect.js';
import { toDisplay } from '../domain/display.js';
import type { Target, TargetStatus } from '../redis/target.js';
import { resolvePassword } from '../profiles/secrets.js';
import type { ConnectionSpec, Profile } from '../profiles/schema.js';
import type { AppState } from './app-state.js';
import type { Store } from './store.js';

export interface ConnectRequest {
  profile?: Profile;
  /** From flags and URI; wins over the profile field by field. */
  override?: ConnectionSpec;
  /** A password given explicitly (--pass, the URI, REDISCLI_AUTH). */
  password?: string;
  /** --askpass: prompt even when another source exists. */
  askpass?: boolean;
  readOnly?: boolean;
  theme?: string;
}

export interface ResolvedConnection {
  spec: ConnectionSpec;
  password?: string;
  profileName?: string;
  readOnly: boolean;
  theme?: string;
  /** The profile's opening pane, as written there (an id or palette name). */
  pane?: string;
  /**
   * The password was typed (--askpass, or a profile whose source is "prompt"): after a
   * WRONGPASS, `r` asks for it again instead of sending the same wrong one.
   */
  prompted?: boolean;
  /** Networks this connection expects, when no saved profile carries them (the demo's). */
  expectedNetworks?: string[];
}

/** A node refused the password (WRONGPASS): when it was typed, `r` asks for it again. */
export const passwordWasRefused = (status: TargetStatus): boolean =>
  status.nodes.some((n) => n.state === 'failed' && n.error?.name === 'WRONGPASS');

/** "admin@10.0.0.5:6379": who a typed password is for, as its prompt says. */
export const loginOf = (spec: ConnectionSpec): string =>
  toDisplay(`${spec.user ?? 'default'}@${addressOf(spec)}`);

export interface PromptContext {
  interactive: boolean;
  prompt?: (question: string) => Promise<string>;
  /** Non-fatal findings (a password file others can read) are pushed here. */
  warnings?: string[];
}

export async function resolveConnection(
  req: ConnectRequest,
  ctx: PromptContext,
): Promise<ResolvedConnection> {
  const spec = mergeSpecs(req.profile, req.override);
  let password = req.password;
  const name = req.profile?.name;
  const question = `Password for ${loginOf(spec)}${name ? ` (profile ${name})` : ''}: `;
  if (req.askpass) {
    password = await resolvePassword({ kind: 'prompt' }, { ...ctx, profileName: name, question });
  } else if (password === undefined && req.profile) {
    password = await resolvePassword(req.profile.password, { ...ctx, profileName: name, question });
  }
  return {
    spec,
    password,
    profileName: name,
    readOnly: Boolean(req.readOnly ?? req.profile?.readOnly),
    theme: req.theme ?? req.profile?.theme,
    ...(req.profile?.pane && { pane: req.profile.pane }),
    prompted: Boolean(req.askpass) || req.profile?.password.kind === 'prompt',
  };
}

/** Owns the open Target and keeps `state.connection` in step with it. */
export class Session {
  private target: Target | undefined;
  private conn: ResolvedConnection | undefined;
  private openOpts: { heartbeatMs?: number } = {};
  private unsubscribe: (() => void) | undefined;
  private listeners = new Set<(target: Target | undefined, conn?: ResolvedConnection) => void>();

  /** Told of every target opened or closed: feeds that must run while connected start here. */
  onTarget(listener: (target: Target | undefined, conn?: ResolvedConnection) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  constructor(private readonly store: Store<AppState>) {}

  get current(): Target | undefined {
    return this.target;
  }

  /** The Redis user the open connection logs in as (`default` when none is named). */
  get loginUser(): string | undefined {
    return this.target ? (this.conn?.spec.user ?? 'default') : undefined;
  }

  async open(conn: ResolvedConnection, opts: { heartbeatMs?: number } = {}): Promise<Target> {
    await this.close();
    // Loaded on first use: the Redis client is not needed to draw the first frame.
    const { Target: TargetClass } = await import('../redis/target.js');
    const target = new TargetClass({
      spec: conn.spec,
      password: conn.password,
      heartbeatMs: opts.heartbeatMs,
    });
    this.target = target;
    this.conn = conn;
    this.openOpts = opts;
    this.store.set((s) => ({
      ...s,
      session: {
        ...s.session,
        profile: conn.profileName,
        readOnly: conn.readOnly || s.session.forcedReadOnly,
        theme: s.session.forcedTheme ?? conn.theme ?? 'default',
        typedPassword: Boolean(conn.prompted),
        expectedNetworks: conn.expectedNetworks,
      },
      connection: target.status(),
    }));
    this.unsubscribe = target.subscribe(() => {
      if (this.target === target) this.store.set((s) => ({ ...s, connection: target.status() }));
    });
    target.start();
    for (const l of this.listeners) l(target, conn);
    return target;
  }

  refresh(): void {
    this.target?.refresh();
  }

  /**
   * The server refused a typed password (WRONGPASS): sending it again would only write
   * another ACL LOG entry, so the operator is asked again. Says who for ("admin@host:port").
   */
  passwordRefused(): string | undefined {
    const t = this.target;
    if (!t || !this.conn?.prompted) return undefined;
    return passwordWasRefused(t.status()) ? loginOf(this.conn.spec) : undefined;
  }

  /** The same connection again, with the password typed again. */
  async retryWithPassword(password: string): Promise<void> {
    if (this.conn) await this.open({ ...this.conn, password }, this.openOpts);
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    const t = this.target;
    this.target = undefined;
    this.conn = undefined;
    if (t) for (const l of this.listeners) l(undefined);
    await t?.close();
  }
}
