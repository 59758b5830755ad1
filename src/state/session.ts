// Which server the console is on: resolves a profile plus flag overrides into a
// connection (the password from its source), opens the Target, and mirrors its
// status into the store.
import { mergeSpecs } from '../redis/connect.js';
import type { Target } from '../redis/target.js';
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
}

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
  if (req.askpass) {
    password = await resolvePassword({ kind: 'prompt' }, { ...ctx, profileName: req.profile?.name });
  } else if (password === undefined && req.profile) {
    password = await resolvePassword(req.profile.password, { ...ctx, profileName: req.profile.name });
  }
  return {
    spec,
    password,
    profileName: req.profile?.name,
    readOnly: Boolean(req.readOnly ?? req.profile?.readOnly),
    theme: req.theme ?? req.profile?.theme,
  };
}

/** Owns the open Target and keeps `state.connection` in step with it. */
export class Session {
  private target: Target | undefined;
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
    this.store.set((s) => ({
      ...s,
      session: {
        ...s.session,
        profile: conn.profileName,
        readOnly: conn.readOnly || s.session.forcedReadOnly,
        theme: s.session.forcedTheme ?? conn.theme ?? 'default',
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

  async close(): Promise<void> {
    this.unsubscribe?.();
    const t = this.target;
    this.target = undefined;
    if (t) for (const l of this.listeners) l(undefined);
    await t?.close();
  }
}
