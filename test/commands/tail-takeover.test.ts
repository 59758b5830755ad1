// The capture survives its writer: two headless `tail -f` consoles of the built CLI on one
// profile and one real server; the writer is frozen, then killed with SIGKILL (its lock left
// behind), and the survivor must take the capture over and capture every violation since the
// writer's last saved position: none missing, none twice, no gap the server did not have.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { callOnce } from '../support/resp-client.js';
import type { RespValue } from '../support/resp-client.js';
import { follow, freshState, sendRaw, TAIL_USERS } from './tail-cli.js';
import { letTimePass, until } from '../helpers/until.js';

let server: RedisHandle;
beforeAll(async () => {
  server = await startRedis({ aclUsers: TAIL_USERS });
});
afterAll(async () => {
  await server?.stop();
});

interface Captured {
  type: string;
  username?: string;
  count?: number;
  kind?: string;
  text?: string;
}

/** Failed AUTHs, `n` per name, each one an ACL LOG violation (one connection per name). */
const failAuths = (names: string[], n: number) =>
  Promise.all(
    names.map((u) =>
      sendRaw(
        server.port,
        Array.from({ length: n }, () => ['AUTH', u, 'wrong-password']),
      ),
    ),
  );

/** The server's own count of violations by usernames with this prefix. */
async function logCount(prefix: string): Promise<number> {
  const log = (await callOnce({ port: server.port }, ['ACL', 'LOG', '1000'], {
    username: 'admin',
    password: 'adm-pw-123',
  })) as RespValue[][];
  let n = 0;
  for (const entry of log) {
    const field = (k: string) => entry[entry.indexOf(k) + 1];
    if (String(field('username')).startsWith(prefix)) n += Number(field('count'));
  }
  return n;
}

describe('two tail -f consoles on one profile, the writer killed', () => {
  it('the survivor takes the capture over and captures every violation once, with no false gap', async () => {
    const state = freshState();
    const env = { REDISCLI_AUTH: 'adm-pw-123', ...state.env };
    const args = ['--json', '-p', String(server.port), '--user', 'admin'];
    const capture = join(
      state.dir,
      'redis-warden',
      'captures',
      `127.0.0.1%3A${server.port}`,
      `127.0.0.1%3A${server.port}.jsonl`,
    );
    const records = (): Captured[] => {
      try {
        return readFileSync(capture, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Captured);
      } catch {
        return [];
      }
    };
    const captured = (prefix: string) =>
      records()
        .filter((r) => r.type === 'event' && r.username?.startsWith(prefix))
        .reduce((n, r) => n + (r.count ?? 0), 0);
    const shown = (out: string, prefix: string) =>
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { username?: string; count?: number; history?: boolean })
        .filter((e) => e.username?.startsWith(prefix) && !e.history)
        .reduce((n, e) => n + (e.count ?? 0), 0);

    const writer = follow(args, env);
    await writer.waitFor((_, err) => err.includes('following the ACL LOG'), 'the writer starting');
    const survivor = follow(args, env);
    try {
      await survivor.waitFor((_, err) => err.includes('following the ACL LOG'), 'the survivor starting');
      expect(survivor.stderr()).toMatch(
        /another console \(pid \d+.*\) writes this capture .*unless that console stops while this one runs \(then it takes the capture over\)/,
      );

      // Both alive: one writer, nothing twice.
      await failAuths(['both-0', 'both-1'], 5);
      await survivor.waitFor((out) => shown(out, 'both-') === 10, 'the survivor seeing the first events');
      await until(() => captured('both-') === 10, 'the first events captured', 15_000);

      // A writer that is alive but not running (stopped, swapped out) keeps its lock: the
      // survivor shows what happens and does not take the capture.
      writer.kill('SIGSTOP');
      await failAuths(['gone-0', 'gone-1', 'gone-2', 'gone-3', 'gone-4'], 8);
      await survivor.waitFor(
        (out) => shown(out, 'gone-') === 40,
        'the survivor showing events nobody writes',
      );
      // A few of its polls with nothing captured: time passing is the check.
      await letTimePass(1500);
      expect(captured('gone-')).toBe(0);
      expect(survivor.stderr()).not.toContain('took over');

      // Now it dies without releasing its lock.
      const before = await logCount('gone-');
      writer.kill('SIGKILL');
      const killed = Date.now();
      await failAuths(['gone-0', 'gone-1', 'gone-2', 'gone-3', 'gone-4'], 32);
      await survivor.waitFor((_, err) => err.includes('took over writing the capture'), 'the takeover');
      const tookMs = Date.now() - killed;
      await failAuths(['gone-5'], 5);
      const total = await logCount('gone-');
      expect(total).toBe(before + 160 + 5);
      await until(() => captured('gone-') === total, `the capture holding all ${total} violations`, 15_000);
      // Nothing more comes (none twice): time passing is the check.
      await letTimePass(1500);
      expect(captured('gone-')).toBe(total); // 205: none missing, none twice
      expect(captured('both-')).toBe(10);
      expect(shown(survivor.stdout(), 'gone-')).toBe(total); // on its screen once, too
      expect(tookMs).toBeLessThan(3000);

      // The server's log never rolled over: no gap, in the capture or on stderr.
      const notices = records().filter((r) => r.type === 'notice');
      expect(notices.filter((n) => n.kind === 'gap' || n.kind === 'reset')).toEqual([]);
      expect(notices.map((n) => n.text)).toContainEqual(
        expect.stringMatching(
          /^took over writing the capture: the console that wrote it \(pid \d+\) stopped \(it exited\); captured from its saved position on \(\d+ events it had not captured\)$/,
        ),
      );
      expect(survivor.stderr()).not.toMatch(/lost|gap/);
      expect(await survivor.signal('SIGINT')).toBe(0);
    } finally {
      await writer.signal('SIGKILL');
      await survivor.signal('SIGKILL');
      state.cleanup();
    }
  });
});
