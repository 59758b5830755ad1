// A reader that stops early (`redis-warden clients --json | head`) closes the pipe while the
// command still writes: it must end quietly with 0, not with an unhandled EPIPE stack.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';

const BIN = fileURLToPath(new URL('../../bin/redis-warden.js', import.meta.url));
let server: RedisHandle;
let xdg: XdgDirs;
const sockets: net.Socket[] = [];

beforeAll(async () => {
  server = await startRedis();
  xdg = tempXdg();
  // Enough clients for a listing far larger than a pipe's buffer (64 KiB).
  for (let i = 0; i < 400; i++) {
    const s = net.connect({ host: '127.0.0.1', port: server.port });
    s.on('error', () => undefined);
    sockets.push(s);
  }
  await Promise.all(sockets.map((s) => new Promise((resolve) => s.once('connect', resolve))));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await server?.stop();
  xdg?.cleanup();
});

/** Runs the CLI, reads the first chunk of its output, then closes the pipe. */
function readFirstChunk(args: string[]): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [BIN, ...args], {
      env: { ...process.env, REDISCLI_AUTH: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let first = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString();
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, first, stderr }));
  });
}

describe('output into a pipe closed early', () => {
  it.each([[['clients', '--json']], [['clients']]])('%j ends with 0 and no stack', async (args) => {
    const r = await readFirstChunk([...args, '-p', String(server.port)]);
    expect(r.first.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(r.code).toBe(0);
  });
});
