// Where redis-warden keeps its files (the XDG base directories) and the private modes they
// get: generic, so it lives here below every layer (profiles, journal, captures) that uses it.
// Read from the environment at call time, not at import time, so tests (and an operator
// with a per-incident XDG_STATE_HOME) can move them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const APP = 'redis-warden';

// The XDG spec says a relative or empty value must be ignored: a relative path would
// follow the current directory, which on a bastion is often a shared one.
function xdgBase(variable: string, fallback: string[]): string {
  const value = process.env[variable];
  if (value && path.isAbsolute(value)) return value;
  return path.join(os.homedir(), ...fallback);
}

export function configDir(): string {
  return path.join(xdgBase('XDG_CONFIG_HOME', ['.config']), APP);
}

export function stateDir(): string {
  return path.join(xdgBase('XDG_STATE_HOME', ['.local', 'state']), APP);
}

/**
 * Creates `dir` (and missing parents) with mode 0700 and tightens an existing one that
 * group/others can enter: it holds profiles, captures and the journal.
 * Returns the directory so callers can chain it.
 */
export function ensurePrivateDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.statSync(dir);
  if (!st.isDirectory()) throw new Error(`${dir} exists and is not a directory`);
  if ((st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) fs.chmodSync(dir, 0o700);
  return dir;
}

/** Tightens a file to 0600 when group/others have any access; returns the old mode if it changed. */
export function tightenFileMode(file: string): number | undefined {
  const st = fs.statSync(file);
  const mode = st.mode & 0o777;
  if ((mode & 0o077) === 0) return undefined;
  fs.chmodSync(file, 0o600);
  return mode;
}

export function formatMode(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}
