// The rule editor (Users pane e / n) against redis-server, case for case, in each of its modes
// and for each acl-pubsub-default. The editor sends ACL SETUSER to an existing user:
// "append" adds the typed rules to it as it is, "replace" sends `reset`, the kept on/off and
// password hashes, then the rules; a new user gets `reset` and the rules. For every rule set
// of the corpus, each mode's verdict (the preview's problems) must be the server's on the
// same words, the user first made from a base that sets what Redis checks against: a
// password, the allkeys and allchannels flags, `*` as a mere pattern, nopass and a selector.
// Where both accept, what the editor sends makes the same user, and its model is that user.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRules, blankUser } from '../../../src/domain/acl/apply-rules.js';
import { diffUsers } from '../../../src/domain/acl/diff.js';
import type { PubsubDefault } from '../../../src/domain/acl/rules-context.js';
import { parseRuleArgs, userFromListLine } from '../../../src/domain/acl/rules.js';
import { hasRawBytes } from '../../../src/domain/bytes.js';
import type { AclUser, CommandUniverse } from '../../../src/domain/acl/types.js';
import { previewRules } from '../../../src/domain/acl/rule-preview.js';
import type { EditMode } from '../../../src/domain/acl/rule-preview.js';
import { serverAtLeast } from '../../support/redis-binary.js';
import { startRedis } from '../../support/redis-server.js';
import type { RedisHandle } from '../../support/redis-server.js';
import { EDGE, GENERATED, H1 } from './rule-corpus.js';
import { deliberate, getUser, setUserVerdict, universeOf } from './server-helpers.js';

const DEFAULT = 'user default on nopass ~* &* +@all';
const NEWER = serverAtLeast(7, 2);

/** What Redis checks appended rules against, one base each. */
const BASES: Record<string, string[]> = {
  password: ['on', '>p1', '~a', 'resetchannels', '&c', '+get'],
  flags: ['on', `#${H1}`, '~*', '&*', '+@all'],
  starPattern: ['%RW~*', '~x', 'resetchannels', '&c', '+get'],
  nopassSelector: ['on', 'nopass', '(~s resetchannels &s +get)'],
};

// The typed line: the corpus's words joined by a space (the editor splits on whitespace, as
// its parser and Redis's merging of selector words do).
const TEXTS = [...EDGE, ...GENERATED].map((args) => args.join(' '));
const wordsOf = (text: string): string[] => text.split(/[ \t\n\v\f\r]+/).filter((w) => w !== '');
// server-helpers reads replies as UTF-8: users made of raw bytes are compared elsewhere.
const raw = (text: string): boolean => hasRawBytes(text) || /\\x[89a-f]/i.test(text);

interface Case {
  mode: EditMode | 'create';
  base?: string;
  text: string;
}

const CASES: Case[] = [
  ...TEXTS.map((text) => ({ mode: 'create' as const, text })),
  ...Object.keys(BASES).flatMap((base) =>
    (['append', 'replace'] as const).flatMap((mode) =>
      // The editor sends nothing for an empty line.
      TEXTS.filter((t) => t.trim() !== '').map((text) => ({ mode, base, text })),
    ),
  ),
];

describe.each<PubsubDefault>(['resetchannels', 'allchannels'])(
  'the rule editor agrees with redis-server (acl-pubsub-default %s)',
  (pubsub) => {
    let server: RedisHandle;
    let admin: Redis;
    let universe: CommandUniverse;
    /** Each base as the Users pane reads it (ACL LIST). */
    const read = new Map<string, AclUser>();

    beforeAll(async () => {
      server = await startRedis({ aclUsers: [DEFAULT], extraConfig: [`acl-pubsub-default ${pubsub}`] });
      admin = new Redis({ host: server.host, port: server.port, protocol: 2 });
      universe = await universeOf(admin);
      for (const [name, rules] of Object.entries(BASES)) {
        await admin.call('ACL', ['SETUSER', `base-${name}`, ...rules]);
      }
      for (const line of (await admin.call('ACL', ['LIST'])) as string[]) {
        const user = userFromListLine(line);
        if (user.name.startsWith('base-')) read.set(user.name.slice(5), user);
      }
    });
    afterAll(async () => {
      admin.disconnect();
      await server.stop();
    });

    const setuser = (name: string, args: readonly string[]) => setUserVerdict(admin, name, args);

    const preview = (c: Case, name: string) =>
      previewRules({
        name,
        before: c.base === undefined ? undefined : read.get(c.base),
        text: c.text,
        mode: c.mode === 'create' ? 'replace' : c.mode,
        users: [],
        universe,
        exists: c.mode !== 'create',
        pubsubDefault: pubsub,
        // The editor checks for the server it runs against, as acl plan does.
        serverVersion: NEWER ? '7.2.0' : '7.0.0',
      });

    /** The user made afresh from its base (none for create), then given `args`. */
    async function made(c: Case, name: string, args: readonly string[]): Promise<string | undefined> {
      if (c.base !== undefined) await admin.call('ACL', ['SETUSER', name, 'reset', ...BASES[c.base]!]);
      return setuser(name, args);
    }

    it('verdict for verdict: append, replace and create, over the corpus and every base', async () => {
      const results = await Promise.all(
        CASES.map(async (c, i) => {
          const p = preview(c, `u${i}`);
          // The typed words as Redis receives them, after what the mode sends first.
          const theirs = await made(c, `u${i}`, [...p.args.slice(0, p.typedFrom), ...wordsOf(c.text)]);
          // A user a newer server would crash describing goes at once (see deliberate).
          if (deliberate(p.problems, theirs)) await admin.call('ACL', ['DELUSER', `u${i}`]);
          return { c, ours: p.problems, theirs };
        }),
      );
      const disagree = results.filter(
        (r) => (r.ours.length === 0) !== (r.theirs === undefined) && !deliberate(r.ours, r.theirs),
      );
      expect(disagree).toEqual([]);
      for (const mode of ['append', 'replace', 'create']) {
        const some = results.filter((r) => r.c.mode === mode);
        const accepted = some.filter((r) => r.theirs === undefined).length;
        expect(accepted).toBeGreaterThan(some.length / 8);
        expect(some.length - accepted).toBeGreaterThan(some.length / 8);
      }
    });

    it('where both accept, what the editor sends makes that user, and its model is it', async () => {
      const wrong: unknown[] = [];
      await Promise.all(
        CASES.map(async (c, i) => {
          const p = preview(c, `v${i}`);
          if (p.problems.length || raw(c.text)) return;
          const typed = await made(c, `typed-${i}`, [...p.args.slice(0, p.typedFrom), ...wordsOf(c.text)]);
          const sent = await made(c, `v${i}`, p.args);
          if (typed !== undefined || sent !== undefined) return wrong.push({ c, typed, sent });
          const real = (await getUser(admin, `typed-${i}`))!;
          const again = (await getUser(admin, `v${i}`))!;
          const before = c.base === undefined ? undefined : read.get(c.base);
          const start = before ? { ...before, name: `v${i}` } : blankUser(`v${i}`, pubsub);
          const model = applyRules(start, parseRuleArgs(p.args).tokens, pubsub);
          const d1 = diffUsers(real, again, universe);
          const d2 = diffUsers(again, model, universe);
          if (d1.length || d2.length) wrong.push({ c, sent: d1, model: d2 });
          return undefined;
        }),
      );
      expect(wrong).toEqual([]);
    });

    it('each mode as it sends: <pw of a current password, ~x after ~*, &x on a new user', async () => {
      const verdicts = async (c: Case, i: number) => {
        const p = preview(c, `w${i}`);
        const theirs = await made(c, `w${i}`, [...p.args.slice(0, p.typedFrom), ...wordsOf(c.text)]);
        return { ours: p.problems.join(' | '), theirs: theirs === undefined ? 'ok' : 'refused' };
      };
      const table: [Case, string, RegExp | undefined][] = [
        // Appended rules meet the user's passwords; replace sends the kept hashes first.
        [{ mode: 'append', base: 'password', text: '<p1' }, 'ok', undefined],
        [{ mode: 'replace', base: 'password', text: '<p1' }, 'ok', undefined],
        [{ mode: 'replace', base: 'password', text: 'resetpass <p1' }, 'refused', /no such password/],
        [{ mode: 'create', text: '<p1' }, 'refused', /no such password/],
        // `~*` alone is the allkeys flag; `*` among other patterns is a pattern.
        [{ mode: 'append', base: 'flags', text: '~y' }, 'refused', /already has every key.*resetkeys/],
        [{ mode: 'append', base: 'flags', text: 'resetkeys ~y' }, 'ok', undefined],
        [{ mode: 'append', base: 'starPattern', text: '~y %RW~* ~z' }, 'ok', undefined],
        [{ mode: 'append', base: 'flags', text: '&y' }, 'refused', /already has every channel/],
        [
          { mode: 'create', text: '&y (~a &z)' },
          pubsub === 'allchannels' ? 'refused' : 'ok',
          pubsub === 'allchannels' ? /acl-pubsub-default is allchannels/ : undefined,
        ],
        [{ mode: 'create', text: 'resetchannels &y (~a resetchannels &z)' }, 'ok', undefined],
        [
          { mode: 'replace', base: 'password', text: '&y' },
          pubsub === 'allchannels' ? 'refused' : 'ok',
          pubsub === 'allchannels' ? /acl-pubsub-default is allchannels/ : undefined,
        ],
      ];
      const got = await Promise.all(table.map(([c], i) => verdicts(c, i)));
      table.forEach(([c, theirs, message], i) => {
        const { ours, theirs: redis } = got[i]!;
        expect({ c, redis, refused: ours !== '' }).toEqual({
          c,
          redis: theirs,
          refused: theirs === 'refused',
        });
        if (message) expect(ours).toMatch(message);
      });
    });
  },
);

// ACL LIST prints the allkeys flag and a lone `%RW~*` pattern alike (`~*`), and so does
// GETUSER: nothing the console can read tells them apart. The editor takes `~*` for the flag.
describe('the one case the editor cannot know', () => {
  it('a user whose only pattern is %RW~*: appending ~y is refused here, which Redis would accept', async () => {
    const server = await startRedis({ aclUsers: [DEFAULT] });
    const admin = new Redis({ host: server.host, port: server.port, protocol: 2 });
    try {
      await admin.call('ACL', ['SETUSER', 'pat', '%RW~*']);
      await admin.call('ACL', ['SETUSER', 'flag', '~*']);
      const lines = (await admin.call('ACL', ['LIST'])) as string[];
      const user = (name: string) => userFromListLine(lines.find((l) => l.startsWith(`user ${name} `))!);
      expect(user('pat').keys).toEqual(user('flag').keys);
      const p = previewRules({
        name: 'pat',
        before: user('pat'),
        text: '~y',
        mode: 'append',
        users: [],
        exists: true,
      });
      expect(p.problems.join()).toMatch(/already has every key/);
      expect(await admin.call('ACL', ['SETUSER', 'pat', '~y'])).toBe('OK');
      await expect(admin.call('ACL', ['SETUSER', 'flag', '~y'])).rejects.toThrow(/allkeys/);
    } finally {
      admin.disconnect();
      await server.stop();
    }
  });
});
