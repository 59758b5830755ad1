// Helpers for the `redis-warden tail` tests: a follow-mode child process to signal, raw RESP
// commands with byte arguments (so invalid UTF-8 reaches the server intact), fresh state dirs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '../helpers/until.js';

/** Users of the single-server tail tests. */
export const TAIL_USERS = [
  'user default off',
  'user admin on >adm-pw-123 ~* &* +@all',
  'user lim on >lim-pw-456 ~app:* -@all +get +set',
  'user noperm on >np-pw-789 -@all +ping +acl|whoami',
];

/** The --json event fields, in order. */
export const FIELDS = [
  'time',
  'first_seen',
  'node',
  'reason',
  'context',
  'object',
  'object_hex',
  'username',
  'username_hex',
  'count',
  'client',
  'client_info',
  'history',
];

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'redis-warden.js');

type Arg = string | Buffer;

function encode(args: Arg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = typeof a === 'string' ? Buffer.from(a) : a;
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/**
 * Sends commands on one fresh connection, each once the previous one is answered. Every
 * command used here answers with one line (+OK, -WRONGPASS, -NOPERM), so replies are counted
 * by CRLF. Not pipelined: Redis 7.4.1 and Valkey 8.0.1 run every pipelined failing AUTH but
 * answer only the first.
 */
export function sendRaw(port: number, commands: Arg[][], host = '127.0.0.1'): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const next = () => socket.write(encode(commands[sent++] ?? []));
    const socket = net.connect({ host, port }, next);
    let got = '';
    const timer = setTimeout(() => socket.destroy(new Error(`no reply from ${port}: ${got}`)), 5000);
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      const lines = got.split('\r\n').slice(0, -1);
      if (lines.length >= commands.length) {
        clearTimeout(timer);
        socket.end();
        resolve(lines);
      } else if (lines.length === sent) next();
    });
    socket.on('error', (e) => (clearTimeout(timer), reject(e)));
  });
}

/** A failed AUTH: the username (any bytes) goes into ACL LOG, reason auth. */
export const failAuth = (port: number, username: Arg, host?: string) =>
  sendRaw(port, [['AUTH', username, 'wrong-password']], host);

/** Runs commands as `user` (each expected to be refused: reason command or key). */
export const asUser = (port: number, user: string, password: string, commands: Arg[][]) =>
  sendRaw(port, [['AUTH', user, password], ...commands]);

/** `tail --json`'s output: one object per line. */
export const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** A state directory of its own, so a test's capture and tracker position start empty. */
export function freshState(): { env: { XDG_STATE_HOME: string }; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rw-tail-'));
  return { dir, env: { XDG_STATE_HOME: dir }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Following {
  stdout: () => string;
  stderr: () => string;
  /** Resolves once `test` holds for stdout/stderr; rejects with both after `ms`. */
  waitFor: (test: (out: string, err: string) => boolean, what: string, ms?: number) => Promise<void>;
  /** Sends the signal and resolves with the exit code (null if killed by a signal). */
  signal: (sig: NodeJS.Signals) => Promise<number | null>;
  /** Sends the signal and returns at once (SIGSTOP freezes it; SIGKILL leaves its lock behind). */
  kill: (sig: NodeJS.Signals) => void;
}

/** `redis-warden tail --follow ...` as a child process with piped output, as an operator's pipe. */
export function follow(args: string[], env: Record<string, string>): Following {
  const child = spawn('node', [BIN, 'tail', '--follow', ...args], {
    env: { ...process.env, REDISCLI_AUTH: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  // 'close', not 'exit': it waits for the pipes too, so nothing printed last is missed.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  return {
    stdout: () => out,
    stderr: () => err,
    async waitFor(test, what, ms = 10_000) {
      // Ends early when the child exits: what did not happen by then never will.
      await until(() => test(out, err) || child.exitCode !== null, what, ms, 50).catch(() => undefined);
      if (!test(out, err))
        throw new Error(`tail -f: ${what} did not happen\nstdout:\n${out}\nstderr:\n${err}`);
    },
    kill(sig) {
      child.kill(sig);
    },
    async signal(sig) {
      child.kill(sig);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
