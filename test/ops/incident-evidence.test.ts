// The evidence over a 3+3 cluster with one node down: the five that answer are read (every
// artefact a file whose hash is in the manifest), the one down is marked and is a finding, and
// no password reaches the incident's directory. Then `kill -9` of `incident start` while it
// reads: the incident it leaves is whole (it parses, it is open at the evidence step, nothing
// half-written is in a manifest), and `incident list` and `show` say so.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newIncident } from '../../src/domain/incident/model.js';
import { captureWriter } from '../../src/journal/capture.js';
import { openJournal } from '../../src/journal/journal.js';
import { takeEvidence } from '../../src/ops/incident-evidence.js';
import { IncidentStore } from '../../src/ops/incident-store.js';
import type { ConnectionSpec } from '../../src/profiles/schema.js';
import { Target } from '../../src/redis/target.js';
import { until } from '../helpers/until.js';
import { filesUnder } from '../helpers/files-under.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { startCluster, startRedis } from '../support/redis-server.js';
import type { ClusterHandle, RedisHandle } from '../support/redis-server.js';
import { cli } from '../commands/acl-cli.js';

describe('incident evidence on a 3+3 cluster with one node down', () => {
  const password = 'incident-cluster-password-0000000001';
  let cluster: ClusterHandle;
  let xdg: XdgDirs;
  beforeAll(async () => {
    xdg = tempXdg();
    cluster = await startCluster({ password });
    await cluster.nodes[5]!.kill();
  });
  afterAll(async () => {
    await cluster?.stop();
    xdg.cleanup();
  });

  it('reads the five, marks the one down, writes every artefact with its hash', async () => {
    const spec: ConnectionSpec = { ...cluster.seed, cluster: true };
    const target = new Target({ spec, password, heartbeatMs: 0, commandTimeoutMs: 3000 });
    target.start();
    const store = new IncidentStore(xdg.state);
    const now = new Date();
    const t = { address: target.address, nodes: [] };
    const opened = store.create('cluster', t, now, (id) => newIncident(id, 'cluster', t, now.toISOString()));
    const started = Date.now();
    const { incident } = await takeEvidence(store, opened, target, {
      spec,
      timeoutMs: 3000,
      secrets: [password],
      journal: openJournal({ dir: xdg.state }),
    }).finally(() => target.close());
    expect(Date.now() - started).toBeLessThan(3000);
    const ids = cluster.nodes.map((n) => `${n.host}:${n.port}`);
    expect([...incident.target.nodes].sort()).toEqual([...ids].sort());
    expect(incident.manifest.filter((m) => m.node === ids[5])).toEqual([
      { node: ids[5], what: 'node', missing: { reason: expect.stringMatching(/^node down: /) as string } },
    ]);
    for (const id of ids.slice(0, 5))
      expect(incident.manifest.filter((m) => m.node === id && 'file' in m)).toHaveLength(10);
    expect(incident.findings.find((f) => f.kind === 'node.down')?.node).toBe(ids[5]);
    expect(store.verify(incident)).toEqual([]);
    expect(incident.steps[0]?.state).toBe('done');
    for (const f of filesUnder(store.dirOf(incident.id)))
      expect(readFileSync(f, 'utf8')).not.toContain(password);
  });
});

describe('kill -9 of incident start while it reads the evidence', () => {
  let server: RedisHandle;
  let xdg: XdgDirs;
  beforeAll(async () => {
    xdg = tempXdg();
    server = await startRedis({ extraConfig: ['enable-debug-command yes'] });
    const r = new Redis({ host: server.host, port: server.port });
    await r.call('DEBUG', 'POPULATE', '300000', 'k', '10');
    r.disconnect();
  });
  afterAll(async () => {
    await server?.stop();
    xdg.cleanup();
  });

  it('leaves an open incident at the evidence step, whole and readable', async () => {
    const env: Record<string, string> = {
      XDG_STATE_HOME: xdg.state,
      XDG_CONFIG_HOME: xdg.config,
      REDISCLI_AUTH: '',
    };
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'redis-warden.js');
    const child = spawn('node', [bin, 'incident', 'start', '-p', String(server.port)], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const root = join(xdg.state, 'redis-warden', 'incidents');
    // The incident exists (incident.json saved) and the key sample is running (SCAN takes >1 s here).
    await until(
      () => existsSync(root) && readdirSync(root).some((d) => existsSync(join(root, d, 'incident.json'))),
      'the incident opened',
      20_000,
      5,
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const [id] = readdirSync(root);
    const list = await cli(['incident', 'list'], env);
    expect(list.stdout).toContain(`${id}  OPEN at step evidence`);
    const show = await cli(['incident', 'show', id!, '--json'], env);
    expect(show.code, show.stderr).toBe(0);
    const doc = JSON.parse(show.stdout) as {
      incident: { manifest: unknown[]; steps: { state: string }[] };
      tampered: string[];
    };
    expect(doc.incident.manifest).toEqual([]);
    expect(doc.incident.steps[0]?.state).toBe('todo');
    expect(doc.tampered).toEqual([]);
  });

  it("keeps the console's ACL LOG capture of the node as an artefact of its own", async () => {
    const spec: ConnectionSpec = { host: server.host, port: server.port };
    const node = `${server.host}:${server.port}`;
    captureWriter('prod', node).append({ type: 'event', reason: 'auth', username: 'mallory' });
    const target = new Target({ spec, heartbeatMs: 0, commandTimeoutMs: 3000 });
    target.start();
    const store = new IncidentStore();
    const now = new Date();
    const t = { profile: 'prod', address: target.address, nodes: [] };
    const opened = store.create('capture', t, now, (id) => newIncident(id, 'capture', t, now.toISOString()));
    const { incident } = await takeEvidence(store, opened, target, {
      spec,
      profile: 'prod',
      timeoutMs: 3000,
      journal: openJournal(),
    }).finally(() => target.close());
    const entry = incident.manifest.find((m) => m.what === 'acl-log-capture');
    expect(entry && 'file' in entry).toBe(true);
    const file = entry && 'file' in entry ? entry.file : '';
    expect(readFileSync(join(store.dirOf(incident.id), file), 'utf8')).toContain('mallory');
    expect(store.verify(incident)).toEqual([]);
  });
});
