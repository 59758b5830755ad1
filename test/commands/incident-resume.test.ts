// `redis-warden incident resume ID` (the built bin): an id that is no incident, or not an id at
// all, exits 2 with why, before any screen is taken; the command is in --help.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli } from './acl-cli.js';

let xdg: XdgDirs;
beforeEach(() => {
  xdg = tempXdg();
});
afterEach(() => xdg.cleanup());

const env = () => ({ XDG_CONFIG_HOME: xdg.config, XDG_STATE_HOME: xdg.state });

describe('redis-warden incident resume', () => {
  it('exits 2 for an incident that does not exist', async () => {
    const r = await cli(['incident', 'resume', '2026-12-06-9', '-p', '1'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no incident "2026-12-06-9"');
  });

  it('exits 2 for what is not an incident id', async () => {
    const r = await cli(['incident', 'resume', '../../etc'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no incident "\.\.\/\.\.\/etc" \(ids look like 2026-12-06-1\)/);
  });

  it('is named in the help of `incident`', async () => {
    const r = await cli(['incident', '--help'], env());
    expect(r.stdout).toMatch(/resume <id>/);
  });
});
