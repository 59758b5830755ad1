import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Set by the global setup: a per-run directory where workers note each server they start. */
export const REGISTRY_ENV = 'REDIS_WARDEN_TEST_REGISTRY';

interface Tracked {
  child: ChildProcess;
  dir: string;
}

const live = new Map<number, Tracked>();
let exitHookInstalled = false;

function registryFile(pid: number): string | undefined {
  const registry = process.env[REGISTRY_ENV];
  return registry ? join(registry, String(pid)) : undefined;
}

function killEverything(): void {
  for (const { child, dir } of live.values()) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}

/** Remembers a server so it dies with this process even when a test never reached its stop(). */
export function track(child: ChildProcess, dir: string): void {
  if (child.pid === undefined) return;
  live.set(child.pid, { child, dir });
  const file = registryFile(child.pid);
  if (file) writeFileSync(file, dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', killEverything);
  }
}

export function untrack(pid: number | undefined): void {
  if (pid === undefined) return;
  live.delete(pid);
  const file = registryFile(pid);
  if (file) rmSync(file, { force: true });
}

function isRedisServer(pid: number): boolean {
  try {
    // valkey-server too: the vendored Valkey runs under its own name.
    return /(redis|valkey)-server/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    // No /proc (macOS): a pid recorded minutes ago in this run is still ours.
    return process.platform !== 'linux';
  }
}

/**
 * The safety net for workers that died without running their exit hook (SIGKILL, OOM):
 * kills every server still listed in the registry and removes its directory.
 */
export function reapRegistry(registry: string): number {
  let reaped = 0;
  for (const name of readdirSync(registry)) {
    const pid = Number(name);
    const file = join(registry, name);
    const dir = readFileSync(file, 'utf8');
    if (Number.isInteger(pid) && isRedisServer(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
        reaped += 1;
      } catch {
        // already gone
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    unlinkSync(file);
  }
  return reaped;
}
