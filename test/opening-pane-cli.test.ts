// The opening pane from the command line, built bin (`npm run build` first): `--pane` and the
// profile field are checked against the panes (exit 2 naming them), and the console in a real
// terminal opens on Users with an address, on Profiles with nothing named, on the profile's
// pane, and on --pane over it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRedis } from './support/redis-server.js';
import type { RedisHandle } from './support/redis-server.js';
import { BIN, ptyEnv, runInPty } from './helpers/pty.js';

const run = promisify(execFile);
let server: RedisHandle;
let env: NodeJS.ProcessEnv;
let cleanup: () => void;

async function cli(args: string[]) {
  try {
    const r = await run('node', [BIN, ...args], { env, timeout: 20_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  server = await startRedis({ aclUsers: ['user default on nopass ~* &* +@all'] });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  ({ env, cleanup } = ptyEnv('rw-open-'));
});
afterEach(() => cleanup());

describe('--pane and the profile pane', () => {
  it('profiles add --pane stores the pane id; an unknown name is exit 2 naming the panes', async () => {
    const ok = await cli(['profiles', 'add', 'work', '-p', String(server.port), '--pane', 'log']);
    expect(ok.code, ok.stderr).toBe(0);
    const list = JSON.parse((await cli(['profiles', 'list', '--json'])).stdout) as { pane?: string }[];
    expect(list[0]?.pane).toBe('acl-log');
    const bad = await cli(['profiles', 'add', 'other', '-p', '1', '--pane', 'graphs']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--pane: no pane "graphs" (there are: users, acl, acl-log, log, clients');
  });

  it('--pane NAME on the bare command: an unknown name is exit 2 naming the panes, before anything else', async () => {
    const r = await cli(['--pane', 'graphs', '-p', String(server.port)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--pane: no pane "graphs" (there are: users');
    expect(r.stderr).not.toContain('needs a terminal');
  });

  const opens = async (args: string[], text: string) => {
    const pty = runInPty(args, env);
    const seen = await pty.waitFor(text);
    pty.child.stdin?.write('q');
    await pty.exited();
    return seen;
  };

  it('the console opens on Users with -p, on Profiles with nothing named', async () => {
    expect(await opens(['-p', String(server.port)], 'COMMANDS')).toBe(true);
    expect(await opens([], 'No saved profiles')).toBe(true);
  }, 30_000);

  it("the console opens on the profile's pane, and on --pane over it", async () => {
    await cli(['profiles', 'add', 'work', '-p', String(server.port), '--pane', 'log', '--default']);
    expect(await opens(['--profile', 'work'], 'REASON')).toBe(true);
    expect(await opens([], 'REASON')).toBe(true); // the default profile is something named
    expect(await opens(['--profile', 'work', '--pane', 'clients'], 'HIGHLIGHT')).toBe(true);
  }, 40_000);
});
