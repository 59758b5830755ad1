// What the containment operation tests share: a Target as the console holds one, a journal in
// memory (every entry, as the mutation path appended it) and running an operation through it.
import { runOperation } from '../../src/ops/operations/run.js';
import type { Operation } from '../../src/ops/operations/table.js';
import { Target } from '../../src/redis/target.js';
import { until } from '../helpers/until.js';
import type { RedisHandle } from '../support/redis-server.js';

export const ADMIN = ['user default off', 'user admin on >admin-pw-1 ~* &* +@all'];

export type Entry = { action: string; outcome?: string; args?: unknown; detail?: unknown };

export interface Console {
  target: Target;
  journal: Entry[];
  run(op: Operation, opts?: { readOnly?: boolean; confirmed?: boolean }): ReturnType<typeof runOperation>;
  close(): Promise<void>;
}

/** The console's connection to `server` as `admin`, ready. */
export async function consoleOn(server: RedisHandle): Promise<Console> {
  const target = new Target({
    spec: { host: server.host, port: server.port, user: 'admin' },
    password: 'admin-pw-1',
    heartbeatMs: 0,
  });
  target.start();
  await until(() => target.status().nodes.some((n) => n.state === 'ready'), 'connected');
  const journal: Entry[] = [];
  const sink = { append: (e: Entry) => void journal.push(e) };
  return {
    target,
    journal,
    run: (op, opts = {}) =>
      runOperation(op, {
        target,
        env: { readOnly: opts.readOnly ?? false, journal: sink, secrets: ['admin-pw-1'] },
        confirmed: opts.confirmed ?? true,
      }),
    close: () => target.close(),
  };
}

export const nodeOf = (server: RedisHandle) => `${server.host}:${server.port}`;

/** A name a hostile server could hold: escape, control and invalid bytes. */
export const HOSTILE = 'x\u001b[2J\u0007\udcff';
