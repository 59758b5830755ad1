// `tail -f | head -2`: once head has its lines and exits, the tail ends at once, not at the
// next ACL LOG event (the server is idle here: no event comes).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { until } from '../helpers/until.js';
import { failAuth, freshState, TAIL_USERS } from './tail-cli.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'redis-warden.js');
let server: RedisHandle;
let state: ReturnType<typeof freshState>;

beforeAll(async () => {
  server = await startRedis({ aclUsers: TAIL_USERS });
  state = freshState();
  for (const name of ['one', 'two', 'three']) await failAuth(server.port, name);
});
afterAll(async () => {
  state?.cleanup();
  await server?.stop();
});

describe('tail --follow into a reader that goes', () => {
  it.each([[['--json']], [[]]])(
    '%j | head -2 ends promptly with 0 while no event comes',
    async (more) => {
      const cmd = `set -o pipefail; "${process.execPath}" "${BIN}" tail --follow ${more.join(' ')} -p ${server.port} --user admin | head -2`;
      const sh = spawn('bash', ['-c', cmd], {
        env: { ...process.env, REDISCLI_AUTH: 'adm-pw-123', ...state.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let code: number | null | undefined;
      sh.stdout.on('data', (d: Buffer) => (out += d.toString()));
      sh.stderr.on('data', (d: Buffer) => (err += d.toString()));
      sh.on('close', (c) => (code = c));
      try {
        await until(() => out.split('\n').length > 2, 'two lines from head', 15_000, 50);
        const headDone = Date.now();
        // bash waits for the tail too: its exit is the tail's.
        await until(() => code !== undefined, `the tail to end (stderr: ${err})`, 5_000, 50);
        expect(Date.now() - headDone).toBeLessThan(3_000);
        expect(code).toBe(0);
        expect(err).not.toMatch(/EPIPE|Unhandled|at /);
      } finally {
        sh.kill('SIGKILL');
      }
    },
    30_000,
  );
});
