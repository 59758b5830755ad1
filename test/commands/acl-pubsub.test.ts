// `acl plan` / `acl apply` on a server with `acl-pubsub-default allchannels`: the file is
// checked for that setting (a new user starts with every channel, so `&x` needs
// `resetchannels` first, as ACL LOAD and ACL SETUSER refuse it otherwise), a user without
// channel rules is planned with every channel, as Redis makes it, so a second plan finds
// nothing; and a console user that may not read the setting is told what was assumed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { aclList, cli, scratch } from './acl-cli.js';

const ADMIN = 'user admin on >adm-pw-123 ~* &* +@all';
const NOCONF = 'user noconf on >nc-pw-123 ~* &* +@all -config';
const auth = { username: 'admin', password: 'adm-pw-123' };

let server: RedisHandle;
let xdg: XdgDirs;
let files: ReturnType<typeof scratch>;
const as = (user: string) => ['-p', String(server.port), '--user', user];
const pw = (password: string) => ({ REDISCLI_AUTH: password });

beforeAll(async () => {
  xdg = tempXdg();
  files = scratch();
  server = await startRedis({
    aclUsers: ['user default off', ADMIN, NOCONF],
    extraConfig: ['acl-pubsub-default allchannels'],
  });
});
afterAll(async () => {
  await server.stop();
  files.cleanup();
  xdg.cleanup();
});

describe('acl plan and apply with acl-pubsub-default allchannels', () => {
  it('&x without resetchannels is refused with the reason (exit 2), and nothing is read as valid', async () => {
    const bad = files.file('bad.acl', ['user default off', ADMIN, NOCONF, 'user t on >t-pw ~t:* &x +get']);
    const r = await cli(['acl', 'plan', bad, ...as('admin')], pw('adm-pw-123'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:4:`);
    expect(r.stderr).toContain('acl-pubsub-default is allchannels');
    expect(r.stderr).not.toContain('assumed');
  });

  it('a user without channel rules gets every channel: applied, then a second plan finds nothing', async () => {
    const file = files.file('good.acl', [
      'user default off',
      ADMIN,
      NOCONF,
      'user wide on >w-pw ~w:* +get',
      'user narrow on >n-pw ~n:* resetchannels &n:x +get (~s resetchannels &s:x +set)',
    ]);
    const apply = await cli(['acl', 'apply', file, '--yes', ...as('admin')], pw('adm-pw-123'));
    expect([apply.code, apply.stdout]).toEqual([0, expect.stringContaining('the server now matches')]);
    const lines = await aclList(server.port, auth);
    expect(lines.find((l) => l.startsWith('user wide '))).toContain('&*');
    expect(lines.find((l) => l.startsWith('user narrow '))).toContain('resetchannels &n:x');
    const again = await cli(['acl', 'plan', file, ...as('admin')], pw('adm-pw-123'));
    expect([again.code, again.stdout.trim()]).toEqual([0, `Nothing to do: the server matches ${file}.`]);
  });

  it('a console user that may not CONFIG GET is warned which default was assumed', async () => {
    const file = files.file('same.acl', ['user default off', ADMIN, NOCONF]);
    const r = await cli(['acl', 'plan', file, ...as('noconf')], pw('nc-pw-123'));
    expect(r.stderr).toMatch(/Warning: acl-pubsub-default assumed resetchannels .*\+config\|get/);
    // What the assumption costs here (the server has allchannels): a user planned without
    // the channels Redis gives it. The warning says why.
    expect([r.code, r.stdout]).toEqual([1, expect.stringContaining('channels: − &*')]);
  });
});
