// ACL users: read from the target's first ready node and, on a cluster, from every other
// node (the union: users on any node, drift and per-node risks); changed through the one
// mutation path on every node. What the console may not read is recorded as a limit and
// said, never shown as an empty list.
import type { AclUser } from '../../domain/acl/types.js';
import { explain, missingPermission } from '../../redis/errors.js';
import type { ReadNode } from '../../redis/read-node.js';
import type { Target } from '../../redis/target.js';
import { describeResult } from '../../ops/mutation.js';
import type { MutationEnv, MutationResult, Reread } from '../../ops/mutation.js';
import type { UserOpContext } from '../../ops/users.js';
import { onNodeBack } from '../node-back.js';
import type { Session } from '../session.js';
import type { AppState } from '../app-state.js';
import type { Store } from '../store.js';
import type { DryRunResult, UsersSlice, UserSort } from '../users-slice.js';
import { driftHeadline, unionOf, unionRows } from '../users-drift.js';
import { doubtfulNodes, settledText, UnsureUsers } from '../users-unsure.js';
import type { UiActions } from './ui.js';

export interface UserDeps {
  store: Store<AppState>;
  session: Session;
  ui: UiActions;
  env: () => MutationEnv;
}

// Loaded on first use: none of this is needed to draw the first frame.
const acl = async () => ({
  ...(await import('../../redis/acl.js')),
  ...(await import('../../redis/config-get.js')),
});
const ops = () => import('../../ops/users.js');
const aclDomain = async () => ({
  ...(await import('../../domain/acl/rules.js')),
  ...(await import('../../domain/acl/risk.js')),
  ...(await import('../../domain/acl/rules-context.js')),
});

const readyNode = (t: Target | undefined): ReadNode | undefined => {
  const id = t?.status().nodes.find((n) => n.state === 'ready')?.id;
  return id ? t?.node(id) : undefined;
};

/** What a read that failed means, short enough for one line: "ACL CAT not permitted (SEC003: +acl|cat)". */
const limit = (what: string, err: unknown, secrets: readonly string[]) => {
  const e = explain(err, secrets);
  if (e.name === 'NOPERM') {
    // The permission Redis named, as the connection problem box names it.
    const perm = missingPermission(e.message) ?? `+${what.toLowerCase().replace(' ', '|')}`;
    return `${what} not permitted (${e.code ?? 'SEC003'}: ${perm})`;
  }
  return `${what} failed: ${e.code ? `${e.code} ` : ''}${e.message}`;
};

export function userActions({ store, session, ui, env }: UserDeps) {
  const patch = (p: Partial<UsersSlice>) => store.set((s) => ({ ...s, users: { ...s.users, ...p } }));
  let loading: Promise<boolean> | undefined;
  let queued: Promise<boolean> | undefined;
  const unsure = new UnsureUsers();
  /** A read was asked for and could not be done (the link was down): done when a node is back. */
  let missed = false;

  // The one place a re-read waits for the node: after a lost reply or a read that found the
  // link down, the list is read again as soon as a node is back, without the operator's r.
  let unwatch: (() => void) | undefined;
  session.onTarget((t) => {
    unwatch?.();
    unwatch = undefined;
    unsure.clear();
    missed = false;
    patch({ unsure: [] });
    if (t)
      unwatch = onNodeBack(t, () => {
        if (missed || unsure.names().length) void load();
      });
  });

  /** True when the list was read; false when it could not be (and is kept as last read). */
  async function read(): Promise<boolean> {
    const target = session.current;
    const node = readyNode(target);
    if (!target || !node) {
      // The pane says "not connected" from the node's own state, which changes without us.
      missed = true;
      patch({ status: store.get().users.rows.length ? 'ready' : 'idle' });
      return false;
    }
    missed = false;
    const readNo = unsure.readStarts();
    const readyAtStart = new Set(
      target
        .status()
        .nodes.filter((n) => n.state === 'ready')
        .map((n) => n.id),
    );
    const secrets = target.secrets;
    patch({ status: 'loading' });
    const [a, { userFromListLine, riskFlags, pubsubAssumed }] = await Promise.all([acl(), aclDomain()]);
    const [lines, me, universe, clients, persistence, pubsub] = await Promise.allSettled([
      a.listUserLines(node),
      a.whoami(node),
      a.commandUniverse(node),
      a.clientsPerUser(node),
      a.aclPersistence(node),
      a.pubsubDefault(node),
    ]);
    const limits: string[] = [];
    let parsed: { name: string; user?: AclUser; line?: string }[];
    if (lines.status === 'fulfilled') {
      parsed = lines.value.map((line) => {
        try {
          const user = userFromListLine(line);
          return { name: user.name, user, line };
        } catch (err) {
          limits.push(limit('ACL LIST line not understood', err, secrets));
          return { name: line.split(' ')[1] ?? line };
        }
      });
    } else if (explain(lines.reason, secrets).name !== 'NOPERM' && store.get().users.rows.length) {
      // A timeout or a dropped link is not a permission problem: keep what was read last
      // and say it is stale, rather than fall back to names only.
      missed = true;
      patch({
        status: 'ready',
        loadedAt: store.get().users.loadedAt,
        limits: [`Stale: the re-read failed (${limit('ACL LIST', lines.reason, secrets)}); r retries.`],
      });
      return false;
    } else {
      limits.push(`Names only: ${limit('ACL LIST', lines.reason, secrets)}`);
      try {
        parsed = (await a.listUserNames(node)).map((name) => ({ name }));
      } catch (err) {
        missed = explain(err, secrets).retryable;
        patch({ status: 'error', error: explain(err, secrets), limits, rows: [] });
        return false;
      }
    }
    if (universe.status === 'rejected')
      limits.push(`Risk flags from the rule text only: ${limit('ACL CAT', universe.reason, secrets)}`);
    if (clients.status === 'rejected')
      limits.push(`No client counts: ${limit('CLIENT LIST', clients.reason, secrets)}`);
    const uni = universe.status === 'fulfilled' ? universe.value : undefined;
    // The rule editor checks channel rules for this setting; an unknown one is said, not guessed.
    const pubsubDefault = pubsub.status === 'fulfilled' ? pubsub.value : undefined;
    const pubsubNote = pubsubDefault
      ? undefined
      : pubsubAssumed(
          pubsub.status === 'rejected'
            ? limit('CONFIG GET', pubsub.reason, secrets)
            : 'CONFIG GET not permitted (SEC003: +config|get)',
        );
    if (pubsubNote) limits.push(pubsubNote);
    const { union, read: nodesRead } = await unionOf(
      target,
      node.id,
      parsed.every((p) => p.user) ? parsed.map((p) => p.user as AclUser) : undefined,
      uni,
    );
    // A node that could not be read is named, never taken as "the same" (README, Guarantees).
    for (const u of union.unreadable) limits.push(`Users not read on ${u.node}: ${u.error}`);
    // One not connected yet (a cluster still coming up, a node back later) is read when it is.
    const down = new Set(target.status().nodes.flatMap((n) => (n.state === 'ready' ? [] : [n.id])));
    if (union.unreadable.some((u) => down.has(u.node))) missed = true;
    // One that came up while this read ran told its node-back before the read was done (when
    // nothing was missed yet): read it now, or its column stays `?` until the operator's r.
    const cameUp = union.unreadable.some((u) => !down.has(u.node) && !readyAtStart.has(u.node));
    const rows = unionRows(
      parsed.map((p) => ({
        ...p,
        clients: clients.status === 'fulfilled' ? (clients.value.get(p.name) ?? 0) : undefined,
        risks: p.user ? riskFlags(p.user, uni) : [],
        drift: [],
      })),
      union,
    );
    const late = unsure.settle(readNo, nodesRead);
    patch({
      unsure: unsure.names(),
      status: 'ready',
      rows,
      node: node.id,
      nodes: target.nodeIds().length,
      union: union.nodes.length > 1 ? union : undefined,
      driftHeadline: union.nodes.length > 1 ? driftHeadline(union) : undefined,
      loadedAt: Date.now(),
      error: undefined,
      limits,
      universe: uni,
      pubsubDefault,
      pubsubNote,
      me: me.status === 'fulfilled' ? me.value : undefined,
      persistence:
        persistence.status === 'fulfilled'
          ? persistence.value
          : { mode: 'unknown', reason: limit('CONFIG GET', persistence.reason, secrets) },
    });
    // The message of the change said "unknown"; this one says what the server shows now.
    if (late.length) ui.say(settledText(late, rows), 'warning');
    if (cameUp) void load(); // queued behind this read (load runs one at a time)
    return true;
  }

  /** After a change: how to make it survive a restart, or that it will not. */
  function persistenceHint(): string {
    const p = store.get().users.persistence;
    if (p?.mode === 'aclfile') return `. Not on disk yet: w runs ACL SAVE (${p.path}).`;
    if (p?.mode === 'config') return `. Not on disk yet: w runs CONFIG REWRITE (${p.path}).`;
    if (p?.mode === 'none')
      return '. This server has no aclfile and no config file: the change is lost when it restarts.';
    if (p?.mode === 'unknown') return `. Where users are saved is unknown (${p.reason}).`;
    return '';
  }

  /**
   * One load at a time. A request while one runs gets the next one (shared by every such
   * request): the running read may have started before what the caller just changed.
   */
  const load = (): Promise<boolean> => {
    if (loading) {
      queued ??= loading.then(() => {
        queued = undefined;
        return load();
      });
      return queued;
    }
    loading = read()
      .catch((err: unknown) => {
        patch({ status: 'error', error: explain(err, session.current?.secrets) });
        return false;
      })
      .finally(() => (loading = undefined));
    return loading;
  };

  /**
   * Every user change: the mutation path, then the list re-read and the result said. A change
   * to `user` whose reply was lost marks that user unknown until a re-read shows it.
   */
  async function write(
    summary: string,
    run: (c: UserOpContext) => Promise<MutationResult<unknown>>,
    opts: { changesUsers?: boolean; user?: string } = {},
  ) {
    const target = session.current;
    if (!target) {
      ui.say('Not connected: nothing was changed.', 'warning');
      return undefined;
    }
    const reread: Reread = (results) => {
      const doubt = doubtfulNodes(results);
      if (opts.user !== undefined && doubt.length) {
        unsure.mark(opts.user, doubt, summary);
        patch({ unsure: unsure.names() });
      }
      return load();
    };
    const result = await run({ target, env: env(), confirmed: true, reread });
    const changed = (result.status === 'done' || result.status === 'partial') && opts.changesUsers !== false;
    if (changed) patch({ unsaved: true });
    // Not settled by that re-read: the one when the node is back says what it finds.
    if (opts.user !== undefined) unsure.defer(opts.user);
    const tone = result.status === 'done' ? 'ok' : result.status === 'refused' ? 'warning' : 'danger';
    ui.say(`${describeResult(result)}${changed ? persistenceHint() : ''}`, tone);
    return result;
  }

  return {
    load,
    open(name: string) {
      patch({ open: name, reveal: false, category: 0 });
    },
    close() {
      patch({ open: undefined, reveal: false });
    },
    toggleReveal() {
      patch({ reveal: !store.get().users.reveal });
    },
    /** Relative to the store, not to the last frame: keys typed fast all count. */
    moveCategory(delta: number, count: number) {
      const now = store.get().users.category ?? 0;
      patch({ category: Math.max(0, Math.min(count - 1, now + delta)) });
    },
    sortBy(by: UserSort | 'next', reverse?: boolean) {
      const order: UserSort[] = ['name', 'status', 'clients', 'risk'];
      const cur = store.get().users.sort;
      const next = by === 'next' ? (order[(order.indexOf(cur.by) + 1) % order.length] ?? 'name') : by;
      patch({ sort: { by: next, reverse: reverse ?? (by === 'next' ? false : cur.reverse) } });
    },
    reverseSort() {
      const cur = store.get().users.sort;
      patch({ sort: { ...cur, reverse: !cur.reverse } });
    },
    /** ACL DRYRUN: would `user` be allowed to run this command line, and if not, why. */
    async test(user: string, words: string[], shown = words.join(' ')): Promise<DryRunResult> {
      const node = readyNode(session.current);
      const command = shown;
      let result: DryRunResult;
      if (!node) result = { command, error: 'not connected' };
      else {
        try {
          const r = await (await acl()).dryRun(node, user, words);
          result = r.allowed ? { command, allowed: true } : { command, allowed: false, reason: r.reason };
        } catch (err) {
          const e = explain(err, session.current?.secrets);
          result = { command, error: `${e.code ? `${e.code} ` : ''}${e.message}` };
        }
      }
      const tests = store.get().users.tests ?? {};
      patch({ tests: { ...tests, [user]: [result, ...(tests[user] ?? [])].slice(0, 8) } });
      return result;
    },
    async genPass(): Promise<string | undefined> {
      const node = readyNode(session.current);
      if (!node) return undefined;
      return (await acl()).genPass(node);
    },
    /** One ACL SETUSER with every rule, on every node; Redis applies all or none. */
    async setUser(name: string, args: string[], secrets: string[] = []) {
      const op = await ops();
      return write(`Change user ${name}`, (c) => op.setUserOp(c, name, args, secrets), { user: name });
    },
    /** The ACL Log's "Block user": ACL SETUSER off, in that pane's words. */
    async block(name: string) {
      return write(`Block user ${name}`, async (c) => (await ops()).blockUserOp(c, name), { user: name });
    },
    async disable(name: string) {
      return write(`Disable user ${name}`, async (c) => (await ops()).disableUserOp(c, name), { user: name });
    },
    async enable(name: string) {
      return write(`Enable user ${name}`, async (c) => (await ops()).enableUserOp(c, name), { user: name });
    },
    /** A new user with these (checked) rules and, when given, the password as its #sha256. */
    async create(name: string, args: string[], password?: string, secrets: string[] = []) {
      const op = await ops();
      return write(`Create user ${name}`, (c) => op.createUserOp(c, name, args, { password, secrets }), {
        user: name,
      });
    },
    /** Rotation, first half: the new password (sent as its #sha256) beside the old ones. */
    async addPassword(name: string, password: string) {
      return write(`Add a password to ${name}`, async (c) => (await ops()).addPasswordOp(c, name, password), {
        user: name,
      });
    },
    /** Rotation, second half: the hashes given stop working. */
    async removePasswords(name: string, hashes: string[]) {
      const op = await ops();
      return write(`Remove a password of ${name}`, (c) => op.removePasswordsOp(c, name, hashes), {
        user: name,
      });
    },
    async remove(name: string) {
      const r = await write(`Delete user ${name}`, async (c) => (await ops()).deleteUserOp(c, name), {
        user: name,
      });
      if (r?.status === 'done' && store.get().users.open === name) patch({ open: undefined });
      return r;
    },
    /** ACL SETUSER off leaves the user's connections open: this closes them. */
    /** CLIENT KILL USER on every node; `before` is what was just done (e.g. "Disabled app"). */
    async killClients(name: string, before?: string) {
      const op = await ops();
      const r = await write(`Kill the connections of user ${name}`, (c) => op.killUserOp(c, name), {
        changesUsers: false,
      });
      if (r?.status === 'done') {
        ui.say(
          `${before ? `${before}; ` : ''}killed ${op.killedCount(r)} connection(s) of ${name}${before ? persistenceHint() : '.'}`,
          'ok',
        );
      }
      return r;
    },
    /** ACL SAVE when there is an aclfile, CONFIG REWRITE when there is a config file. */
    async persist() {
      const p = store.get().users.persistence;
      if (p?.mode !== 'aclfile' && p?.mode !== 'config') {
        ui.say(
          p?.mode === 'none'
            ? 'This server has neither an aclfile nor a config file: ACL changes are lost when it restarts. Put the users in an ACL file (redis-warden acl export) and set aclfile.'
            : `Cannot tell where this server keeps its users (${p?.mode === 'unknown' ? p.reason : 'not read yet'}).`,
          'warning',
        );
        return undefined;
      }
      const { runOperation } = await import('../../ops/operations/run.js');
      const id = p.mode === 'aclfile' ? 'acl.save' : 'config.rewrite';
      const r = await write(id, (c) => runOperation({ id, params: {} }, c), { changesUsers: false });
      if (r?.status === 'done') patch({ unsaved: false });
      return r;
    },
  };
}

export type UserActions = ReturnType<typeof userActions>;
