// The Certs pane's actions: the wizard (one step a screen, each can go back), the write, the
// next steps (a profile saved through the profile store's ops, the live reload through the
// mutation path), and inspecting files or the open connection's server. Everything about
// certificates is asked of certs-ops.ts (the one adapter); this file keeps the steps.
import { tlsOptions } from '../../redis/connect.js';
import type { Target } from '../../redis/target.js';
import type { MutationEnv } from '../../ops/mutation.js';
import { describeResult } from '../../ops/mutation.js';
import type { AppState } from '../app-state.js';
import { initialCerts, outlivingLeaves, WIZARD_STEPS } from '../certs-slice.js';
import type { CertKind, CertsSlice, WizardStep } from '../certs-slice.js';
import type { ResolvedConnection, Session } from '../session.js';
import type { Store } from '../store.js';
import * as ops from './certs-ops.js';
import type { CertPlan, CertRequest, KeyType } from './certs-ops.js';
import type { ProfileActions } from './profiles.js';
import type { UiActions } from './ui.js';

export interface CertsDeps {
  store: Store<AppState>;
  session: Session;
  ui: UiActions;
  env: () => MutationEnv;
  profiles: ProfileActions;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The plan's certificates in wizard order: a new CA first, then the leaves. */
export const requestsOf = (plan: CertPlan): CertRequest[] => [
  ...('new' in plan.ca ? [plan.ca.new] : []),
  ...plan.leaves,
];

function mapRequests(plan: CertPlan, f: (r: CertRequest, i: number) => CertRequest): CertPlan {
  const hasCa = 'new' in plan.ca;
  return {
    ...plan,
    ca: 'new' in plan.ca ? { new: f(plan.ca.new, 0) } : plan.ca,
    leaves: plan.leaves.map((l, i) => f(l, i + (hasCa ? 1 : 0))),
  };
}

export function certsActions({ store, session, ui, env, profiles }: CertsDeps) {
  const get = () => store.get().certs;
  const patch = (p: Partial<CertsSlice>) => store.set((s) => ({ ...s, certs: { ...s.certs, ...p } }));
  let conn: ResolvedConnection | undefined;
  // Asked on step 1 for an existing CA's key, used by the write, dropped when the wizard ends:
  // never in the store, so never in a frame, a snapshot or the journal.
  let passphrase: string | undefined;
  const nodes = () => store.get().connection?.nodes.map((n) => n.id) ?? [];
  const go = (step: WizardStep) => patch({ step, error: undefined, busy: undefined });
  const plan = (): CertPlan => {
    const p = get().plan;
    if (!p) throw new Error('no plan: step 1 first');
    return p;
  };

  async function preview(): Promise<void> {
    patch({ busy: 'previewing…' });
    try {
      patch({ preview: await ops.previewPlan(plan(), passOpt()), busy: undefined });
      go('preview');
    } catch (err) {
      patch({ busy: undefined, error: message(err) });
    }
  }
  const passOpt = () => (passphrase === undefined ? {} : { caKeyPassphrase: passphrase });

  /** The live server of the open connection: a handshake, what it presented, what is wrong. */
  async function checkLive(): Promise<void> {
    const t = session.current;
    if (!t) return patch({ inspectError: 'Not connected: pick a profile (7) or start with -h/-p.' });
    // `[::1]:6379`: the address without its brackets, as a TLS connect takes it.
    const host = t.address.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
    const port = t.address.replace(/^.*:/, '');
    patch({ busy: `handshaking with ${t.address}…`, inspectError: undefined });
    try {
      const tls = conn ? tlsOptions(conn.spec, host) : undefined;
      const report = await ops.checkLive({ host, port: Number(port), ...(tls ? { tls } : {}) }, {});
      patch({ inspect: report, busy: undefined });
    } catch (err) {
      patch({ inspect: undefined, inspectError: message(err), busy: undefined });
    }
  }

  return {
    /** A fresh wizard (the last inspect report and reload stay). */
    start(): void {
      passphrase = undefined;
      const { inspect, inspectError, reload } = get();
      store.set((s) => ({ ...s, certs: { ...initialCerts(), inspect, inspectError, reload } }));
    },
    end(): void {
      passphrase = undefined;
    },
    back(): boolean {
      const i = WIZARD_STEPS.indexOf(get().step);
      if (get().existingFiles.length && get().step === 'where' && !get().overwrite.length) {
        patch({ existingFiles: [] });
        return true;
      }
      if (i <= 0) return false;
      go(WIZARD_STEPS[i - 1] ?? 'what');
      return true;
    },
    /** Step 1: what to make; an existing CA's files and its key's passphrase (kept out of the store). */
    what(kind: CertKind, existing?: { certPath: string; keyPath: string; passphrase?: string }): void {
      const host = conn?.spec.host ?? session.current?.address.replace(/:\d+$/, '');
      const base = ops.defaultsFor(kind === 'existing' ? 'deployment' : kind, {
        nodes: nodes(),
        ...(host ? { host } : {}),
      });
      if (kind === 'existing') {
        if (!existing?.certPath || !existing.keyPath)
          return patch({ error: "The CA's certificate and key files are both needed." });
        passphrase = existing.passphrase || undefined;
      }
      const chosen: CertPlan =
        kind === 'existing' && existing
          ? { ...base, ca: { existing: { certPath: existing.certPath, keyPath: existing.keyPath } } }
          : base;
      patch({
        kind,
        existing: { certPath: existing?.certPath ?? '', keyPath: existing?.keyPath ?? '' },
        plan: mapRequests(chosen, (r) => ({ ...r, keyType: get().keyType })),
      });
      go('key');
    },
    key(keyType: KeyType): void {
      patch({ keyType, plan: mapRequests(plan(), (r) => ({ ...r, keyType })) });
      go('names');
    },
    /** Steps 3 and 4 edit one certificate of the plan (by its index in requestsOf). */
    edit(index: number, change: Partial<CertRequest>): void {
      patch({ plan: mapRequests(plan(), (r, i) => (i === index ? { ...r, ...change } : r)) });
    },
    next(): void {
      const i = WIZARD_STEPS.indexOf(get().step);
      go(WIZARD_STEPS[i + 1] ?? 'next');
    },
    /** Step 5: a leaf never outlives its CA. */
    validity(caDays: number, leafDays: number): void {
      if (!(caDays > 0) || !(leafDays > 0)) return patch({ error: 'Days must be whole numbers above 0.' });
      const p = mapRequests(plan(), (r) => ({ ...r, days: r.role === 'ca' ? caDays : leafDays }));
      const outliving = outlivingLeaves(p);
      patch({ plan: p });
      if (outliving.length)
        return patch({
          error: `Refused: ${outliving.join(', ')} would outlive the CA (${caDays} days): a leaf never outlives its CA.`,
        });
      go('where');
    },
    /** Step 6: the directory, checked; existing files need a confirmation that names them. */
    async where(dir: string): Promise<void> {
      const p = { ...plan(), dir };
      patch({ plan: p, busy: 'checking…', error: undefined, overwrite: [] });
      const problems = await ops.checkPlan(p, { nodes: nodes(), ...passOpt() });
      // A file that exists is a problem with its path: written over only once confirmed.
      const existingFiles = problems.flatMap((x) => (x.file ? [x.file] : []));
      const blocking = problems.filter((x) => x.level === 'error' && !x.file);
      patch({ problems, existingFiles, busy: undefined });
      if (blocking.length) return patch({ error: `Refused: ${blocking.map((x) => x.text).join('; ')}` });
      if (!existingFiles.length) await preview();
    },
    async confirmOverwrite(): Promise<void> {
      patch({ overwrite: get().existingFiles });
      await preview();
    },
    /** Step 7: write, then verify the chain it wrote; step 8 shows what to do next. */
    async write(): Promise<void> {
      patch({ busy: 'writing and verifying…', error: undefined });
      try {
        const result = await ops.generatePlan(plan(), { ...passOpt(), overwrite: get().overwrite });
        passphrase = undefined;
        patch({ result, next: ops.nextSteps(plan(), result.written), busy: undefined });
        go('next');
      } catch (err) {
        patch({ busy: undefined, error: message(err) });
      }
    },
    /** Step 8: a profile for this server that uses the new client certificate. */
    async saveProfile(name: string): Promise<boolean> {
      const tls = get().next?.profile?.tls;
      if (!tls) {
        ui.say('No client certificate was made: nothing to save in a profile.', 'warning');
        return false;
      }
      const spec = conn?.spec ?? {};
      return profiles.save(
        { name, ...spec, tls: { ...spec.tls, ...tls }, password: { kind: 'prompt' } },
        false,
      );
    },
    /** Whether the open server speaks TLS: then step 8 offers the live reload. */
    serverOnTls: (): boolean => Boolean(conn?.spec.tls?.enabled),
    /** Step 8, confirmed: CONFIG SET tls-* through the mutation path, then a handshake. */
    async reload(): Promise<void> {
      const t = session.current;
      const written = get().result?.written ?? [];
      const server = plan().leaves.find((l) => l.role === 'server');
      const file = (name: string) => written.find((w) => w.path.endsWith(`/${name}`))?.path ?? '';
      if (!t || !server)
        return ui.say('Nothing to reload: no server open or no server certificate.', 'warning');
      const ca = 'new' in plan().ca ? file('ca.crt') : undefined;
      const params = t.nodeIds().map((node) => ({
        node,
        certFile: file(`${server.file}.crt`),
        keyFile: file(`${server.file}.key`),
        ...(ca ? { caFile: ca } : {}),
      }));
      const r = await ops.reloadTls({ target: t, env: env(), confirmed: true }, params);
      const said = describeResult(r);
      const tone = r.status === 'done' ? 'ok' : r.status === 'partial' ? 'warning' : 'danger';
      patch({ reload: { text: said, tone } });
      ui.say(said, tone);
      if (r.status === 'done') await checkLive();
    },
    async inspectFiles(paths: string[]): Promise<void> {
      patch({ busy: 'inspecting…', inspectError: undefined });
      try {
        patch({ inspect: await ops.inspectFiles(paths, {}), busy: undefined });
      } catch (err) {
        patch({ inspect: undefined, inspectError: message(err), busy: undefined });
      }
    },
    checkLive,
    onTarget(target: Target | undefined, c?: ResolvedConnection): void {
      conn = target ? c : undefined;
    },
  };
}

export type CertsActions = ReturnType<typeof certsActions>;
