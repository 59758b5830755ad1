// Shared by test/profiles and test/journal: fresh XDG directories per test, and a way
// to run a piece of TypeScript from src/ in a child process (esbuild bundle).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeEach } from 'vitest';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TempXdg {
  root: string;
  config: string;
  state: string;
}

/** Points XDG_CONFIG_HOME / XDG_STATE_HOME at fresh temp dirs for each test; restores after. */
export function useTempXdg(): { current: () => TempXdg } {
  let dirs: TempXdg | undefined;
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-xdg-'));
    dirs = { root, config: path.join(root, 'config'), state: path.join(root, 'state') };
    for (const k of ['XDG_CONFIG_HOME', 'XDG_STATE_HOME']) saved[k] = process.env[k];
    process.env.XDG_CONFIG_HOME = dirs.config;
    process.env.XDG_STATE_HOME = dirs.state;
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (dirs) fs.rmSync(dirs.root, { recursive: true, force: true });
    dirs = undefined;
  });
  return {
    current: () => {
      if (!dirs) throw new Error('useTempXdg: only inside a test');
      return dirs;
    },
  };
}

export const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

/**
 * Bundles `source` (TypeScript that may import '../../src/...' relative to this folder)
 * into an ESM file in `outDir` and returns its path. Packages are bundled too, except what
 * src loads at run time with createRequire (the keyring binding): see childEnv.
 */
export async function bundleScript(source: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, `script-${process.pid}-${Date.now()}.mjs`);
  await build({
    stdin: {
      contents: source,
      resolveDir: path.join(REPO, 'test/profiles'),
      loader: 'ts',
      sourcefile: 'child.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** Environment for a bundled child: CJS require (createRequire) resolves packages via NODE_PATH. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: path.join(REPO, 'node_modules') };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function which(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, bin);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}
