// Passwords typed in clear and their SHA-256 hashes are secrets alike: `<pw`, `>pw`, `#hash` and
// `!hash` rules go through acl plan, plan --json, apply (with Redis refusing, and echoing, the
// rule it got), a validation error, acl list / show, and the journal; neither the plaintext
// nor its hash appears in any output or file (acl export and acl show --show-hashes aside).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../src/redis/errors.js';
import { startRedis } from '../support/redis-server.js';
import type { RedisHandle } from '../support/redis-server.js';
import { tempXdg } from '../helpers/tui.js';
import type { XdgDirs } from '../helpers/tui.js';
import { cli, scratch } from './acl-cli.js';
import { openRaw } from './clients-cli.js';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const PW1 = 'first-Secret-4711';
const PW2 = 'second-Secret-0815';
const PW3 = 'third-Secret-1234';
const SECRETS = [PW1, PW2, PW3, sha(PW1), sha(PW2), sha(PW3)];

let server: RedisHandle;
let xdg: XdgDirs;
let files: ReturnType<typeof scratch>;
const conn = () => ['-p', String(server.port), '--user', 'admin'];
const admin = { REDISCLI_AUTH: 'adm-pw-123' };

beforeAll(async () => {
  xdg = tempXdg();
  files = scratch();
  server = await startRedis({
    aclUsers: ['user default off', 'user admin on >adm-pw-123 ~* &* +@all', `user bob on >${PW1} ~b:* +get`],
  });
});
afterAll(async () => {
  await server?.stop();
  files?.cleanup();
  xdg?.cleanup();
});

/** Every file under a directory, as text. */
function allFiles(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    out = statSync(p).isDirectory() ? [...out, ...allFiles(p)] : [...out, readFileSync(p, 'utf8')];
  }
  return out;
}

const expectNoSecret = (text: string, where: string) => {
  for (const s of SECRETS) expect(text, `${where} shows ${s}`).not.toContain(s);
};

describe('no password and no hash of one in any output', () => {
  it('plan, plan --json, apply, list, show, the journal; a file Redis would refuse', async () => {
    // As a fresh user (ACL LOAD, or reset first), bob no longer has PW1 and dave never had
    // it: Redis refuses both removals, and so does the validator, quoting them masked.
    const refused = files.file('refused.acl', [
      'user default off',
      `user bob on <${PW1} >${PW2} ~b:* +get`,
      `user dave on !${sha(PW1)} >${PW3} ~d:* +get`,
    ]);
    const file = files.file('want.acl', [
      'user default off',
      'user admin on >adm-pw-123 ~* &* +@all',
      `user bob on >${PW2} ~b:* +get`,
      `user carol on #${sha(PW3)} ~c:* +get`,
      `user dave on >${PW3} !${sha(PW3)} >${PW1} ~d:* +get`,
    ]);
    const bad = [
      await cli(['acl', 'plan', refused, ...conn()], admin),
      await cli(['acl', 'apply', refused, '--yes', ...conn()], admin),
    ];
    for (const r of bad) expect(r.code).toBe(2);
    const runs = [
      ...bad,
      await cli(['acl', 'plan', file, ...conn()], admin),
      await cli(['acl', 'plan', file, '--json', ...conn()], admin),
      await cli(['acl', 'apply', file, ...conn()], admin),
      await cli(['acl', 'apply', file, '--yes', ...conn()], admin),
      await cli(['acl', 'list', '--json', ...conn()], admin),
      await cli(['acl', 'show', 'carol', ...conn()], admin),
      await cli(['acl', 'show', 'carol', '--json', ...conn()], admin),
    ];
    runs.forEach((r, i) => expectNoSecret(r.stdout + r.stderr, `run ${i}`));
    expect(bad[0]!.stderr).toMatch(/refused\.acl:2: "<‹redacted›" removes a password/);
    // Something was said about each user, and carol (her #hash) was created.
    expect(runs[2]!.stdout + runs[2]!.stderr).toMatch(/carol/);
    expect(runs[5]!.code).toBe(0);
    expect(runs[7]!.stdout).toMatch(/passwords\s+1 password/);
    const journal = allFiles(xdg.state).join('\n');
    expect(journal).toContain('carol');
    expectNoSecret(journal, 'the state directory (journal)');
    expectNoSecret(allFiles(xdg.config).join('\n'), 'the config directory');
  });

  it('a file refused by validation quotes its rules masked', async () => {
    const file = files.file('bad.acl', [
      'user default off',
      `user erin on #${sha(PW3).slice(0, 63)} ~e:* +get`,
      `user fay on (~f:* #${sha(PW2)}) +get`,
      `user gus on (~g:* >${PW1}) +get`,
    ]);
    const r = await cli(['acl', 'plan', file, ...conn()], admin);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.acl:2:/);
    expectNoSecret(r.stdout + r.stderr, 'validation errors');
    for (const s of [sha(PW3).slice(0, 32), sha(PW2).slice(0, 32)]) expect(r.stderr).not.toContain(s);
  });

  it("Redis's own echo of a refused hash rule is masked in every error the console explains", async () => {
    const raw = await openRaw(server.port, [['AUTH', 'admin', 'adm-pw-123']]);
    const replies = [
      await raw.send(['ACL', 'SETUSER', 'zed', `!${sha(PW1)}`]),
      await raw.send(['ACL', 'SETUSER', 'zed', `<${PW2}`]),
      await raw.send(['ACL', 'SETUSER', 'zed', `#${sha(PW3)}x`]),
    ];
    raw.close();
    // The server does echo them: that is what must not get through.
    expect(replies.join('\n')).toContain(sha(PW1));
    expect(replies.join('\n')).toContain(PW2);
    for (const reply of replies) {
      const e = explain(new Error(reply.replace(/^-/, '')));
      expectNoSecret(`${e.message} ${e.cause} ${e.fix.join(' ')}`, reply.slice(0, 40));
      expect(e.message).toMatch(/modifier '[<!#]‹redacted›'/);
    }
  });
});
