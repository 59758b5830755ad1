import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDir, ensurePrivateDir, stateDir, tightenFileMode } from '../../src/fs/xdg.js';
import { modeOf, useTempXdg } from '../profiles/helpers.js';

describe('xdg', () => {
  const xdg = useTempXdg();

  it('follows XDG_CONFIG_HOME / XDG_STATE_HOME at call time', () => {
    expect(configDir()).toBe(path.join(xdg.current().config, 'redis-warden'));
    expect(stateDir()).toBe(path.join(xdg.current().state, 'redis-warden'));
    process.env.XDG_STATE_HOME = '/elsewhere/state';
    expect(stateDir()).toBe('/elsewhere/state/redis-warden');
  });

  // useTempXdg restores both variables after each test.
  it('defaults under the home directory, and ignores relative values as the XDG spec says', () => {
    delete process.env.XDG_CONFIG_HOME;
    process.env.XDG_STATE_HOME = 'relative/dir';
    expect(configDir()).toBe(path.join(os.homedir(), '.config', 'redis-warden'));
    expect(stateDir()).toBe(path.join(os.homedir(), '.local', 'state', 'redis-warden'));
  });

  it('creates private directories 0700 and tightens an existing loose one', () => {
    const dir = path.join(xdg.current().root, 'a', 'b');
    ensurePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
    fs.chmodSync(dir, 0o755);
    ensurePrivateDir(dir);
    expect(modeOf(dir)).toBe(0o700);
  });

  it('tightens a file readable by others and reports the old mode', () => {
    const file = path.join(xdg.current().root, 'f');
    fs.writeFileSync(file, 'x', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(tightenFileMode(file)).toBe(0o644);
    expect(modeOf(file)).toBe(0o600);
    expect(tightenFileMode(file)).toBeUndefined();
  });
});
