// Runs the built CLI as an operator does (a child process, no TTY) for the acl tests.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { callOnce } from '../support/resp-client.js';
import type { RespValue } from '../support/resp-client.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'redis-warden.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const r = await run('node', [BIN, ...args], {
      env: { ...process.env, REDISCLI_AUTH: '', ...env },
      timeout: 40_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A scratch directory for ACL files and exports. */
export function scratch(): {
  dir: string;
  file: (name: string, lines: string[]) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'rw-acl-'));
  return {
    dir,
    file: (name, lines) => {
      const path = join(dir, name);
      writeFileSync(path, lines.join('\n') + '\n');
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** ACL LIST straight from a server, to prove what a command did or did not change. */
export async function aclList(
  port: number,
  auth: { username: string; password: string },
  host = '127.0.0.1',
): Promise<string[]> {
  const reply: RespValue = await callOnce({ host, port }, ['ACL', 'LIST'], auth);
  return (reply as string[]).slice().sort();
}

/** The journal a CLI run with these XDG directories wrote ('' before the first entry). */
export function journalOf(xdg: { state: string }): string {
  try {
    return readFileSync(join(xdg.state, 'redis-warden', 'journal.jsonl'), 'utf8');
  } catch {
    return '';
  }
}
