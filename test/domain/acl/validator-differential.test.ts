// The validator against redis-server, case for case. Every rule set of a corpus the grammar
// was not written from (generated with a fixed seed, plus hand-picked edge cases) is both
// checked by the project and given to a fresh user with ACL SETUSER; the verdicts (accept or
// refuse) must be equal. Where both accept, the local model must be the user Redis made,
// and what `acl apply` would send (`reset` + rulesToArgs, passwords hashed) must make the
// same user again. The same holds for file lines against ACL LOAD.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAclFile } from '../../../src/domain/acl/acl-file.js';
import { applyRules, blankUser } from '../../../src/domain/acl/apply-rules.js';
import { hasRawBytes } from '../../../src/domain/bytes.js';
import { diffUsers } from '../../../src/domain/acl/diff.js';
import type { PubsubDefault } from '../../../src/domain/acl/rules-context.js';
import { checkOnServer, freshUserProblems } from '../../../src/domain/acl/rules-fresh.js';
import { parseRuleArgs, rulesToArgs } from '../../../src/domain/acl/rules.js';
import type { CommandUniverse } from '../../../src/domain/acl/types.js';
import { serverAtLeast } from '../../support/redis-binary.js';
import { startRedis } from '../../support/redis-server.js';
import type { RedisHandle } from '../../support/redis-server.js';
import { EDGE, GENERATED } from './rule-corpus.js';
import { deliberate, getUser, setUserVerdict, universeOf } from './server-helpers.js';

const DEFAULT = 'user default on nopass ~* &* +@all';

// The validator's verdict follows the server's version, as `acl plan` does with INFO's.
const NEWER = serverAtLeast(7, 2);

// Each server setting of acl-pubsub-default gives its own verdicts: with allchannels a new
// user, each selector and `reset` start with every channel, so a `&x` needs resetchannels first.
describe.each<PubsubDefault>(['resetchannels', 'allchannels'])('acl-pubsub-default %s', (pubsub) => {
  let server: RedisHandle;
  let admin: Redis;
  let universe: CommandUniverse;

  beforeAll(async () => {
    server = await startRedis({ aclUsers: [DEFAULT], extraConfig: [`acl-pubsub-default ${pubsub}`] });
    admin = new Redis({ host: server.host, port: server.port, protocol: 2 });
    universe = await universeOf(admin);
  });
  afterAll(async () => {
    admin.disconnect();
    await server.stop();
  });

  /** The project's verdict for rules given to a user that starts empty, as acl plan checks a file line. */
  function ours(args: readonly string[]): string[] {
    const parsed = parseRuleArgs(args);
    return [
      ...parsed.errors,
      ...(NEWER ? parsed.refusedSince72 : []),
      ...freshUserProblems(parsed.tokens).errors,
      ...(parsed.errors.length ? [] : checkOnServer(parsed.tokens, universe, pubsub)),
    ].map((e) => e.message);
  }

  const rawIn = (args: readonly string[]): boolean =>
    parseRuleArgs(args).tokens.some((t) => hasRawBytes(JSON.stringify(t.rule)) || /\\x[89a-f]/i.test(t.text));

  const setuser = (name: string, args: readonly string[]) => setUserVerdict(admin, name, args);

  describe('the validator agrees with redis-server on rules for a fresh user (ACL SETUSER)', () => {
    it('verdict for verdict over the hand-picked edge cases and 300 generated rule sets', async () => {
      const corpus = [...EDGE, ...GENERATED];
      const theirs = await Promise.all(corpus.map((args, i) => setuser(`fresh-user-${i}`, args)));
      const disagree = corpus.flatMap((args, i) => {
        const mine = ours(args);
        return (mine.length === 0) === (theirs[i] === undefined) || deliberate(mine, theirs[i])
          ? []
          : [{ args, ours: mine, theirs: theirs[i] }];
      });
      expect(disagree).toEqual([]);
      // The corpus is not one-sided: plenty of both verdicts.
      const accepted = theirs.filter((t) => t === undefined).length;
      expect(accepted).toBeGreaterThan(corpus.length / 8);
      expect(corpus.length - accepted).toBeGreaterThan(corpus.length / 8);
    });

    it('where both accept, the model is the user Redis made, and what apply sends makes it again', async () => {
      // server-helpers reads replies as UTF-8, so a pattern made of raw bytes is compared elsewhere.
      const accepted = [...EDGE, ...GENERATED].filter((args) => ours(args).length === 0 && !rawIn(args));
      const made = await Promise.all(
        accepted.map(async (args, i) => {
          const tokens = parseRuleArgs(args).tokens;
          const sent = await setuser(`apply-${i}`, [
            'reset',
            ...rulesToArgs(tokens, { hashPasswords: true }),
          ]);
          return { args, tokens, sent, direct: await setuser(`direct-${i}`, args), i };
        }),
      );
      const wrong: unknown[] = [];
      for (const { args, tokens, sent, direct, i } of made) {
        expect({ args, sent, direct }).toEqual({ args, sent: undefined, direct: undefined });
        const model = applyRules(blankUser(`direct-${i}`, pubsub), tokens, pubsub);
        const real = (await getUser(admin, `direct-${i}`))!;
        const again = (await getUser(admin, `apply-${i}`))!;
        const d1 = diffUsers(real, model, universe);
        const d2 = diffUsers(real, again, universe);
        if (d1.length || d2.length) wrong.push({ args, model: d1, applied: d2 });
      }
      expect(wrong).toEqual([]);
    });

    it('`%` alone is another: refused on every version, since newer servers crash on the user', async () => {
      expect(ours(['%'])).toHaveLength(1);
      const theirs = await setuser('percent-user', ['%']);
      // Gone before anything describes it (ACL LIST would take this server down).
      await admin.call('ACL', ['DELUSER', 'percent-user']);
      if (NEWER) expect(theirs).toBeUndefined();
      else expect(theirs).toMatch(/Syntax error/);
    });

    it('a NUL byte is a deliberate difference: refused, because Redis cuts the rule there', async () => {
      // Redis reads `on\0x` as `on` (strcasecmp stops at the NUL) and a file cannot carry it.
      expect(await setuser('nul-user', ['on\0x'])).toBeUndefined();
      expect(ours(['on\0x'])[0]).toContain('holds a NUL byte');
      // A pattern with a NUL Redis refuses itself.
      expect(await setuser('nul-user', ['~a\0b'])).toMatch(/Syntax error/);
      expect(ours(['~a\0b'])).toHaveLength(1);
    });
  });

  describe('the validator agrees with ACL LOAD on file lines', () => {
    const aclfile = () => join(server.dir, 'users.acl');
    async function load(text: string): Promise<string | undefined> {
      writeFileSync(aclfile(), text);
      try {
        await admin.call('ACL', ['LOAD']);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    }
    // As acl plan: the file alone first, then (when it is valid) what depends on the server.
    const verdict = (text: string): string[] => {
      const parsed = parseAclFile(text);
      if (parsed.errors.length) return parsed.errors.map((e) => e.message);
      return [
        ...parsed.users.flatMap((u) => checkOnServer(u.tokens, universe, pubsub).map((e) => e.message)),
        ...(NEWER ? parsed.users.flatMap((u) => u.refusedSince72 ?? []) : []),
      ];
    };

    const LINES = [
      'user t on ~a\t',
      'user t on \t~a',
      'user t on\t ~a',
      'user t on ~a\v',
      'user t ~a\tb',
      'user t <pw',
      'user t >pw <pw',
      'user t (~a (+get ~b)',
      'user t ((+get ~k)',
      'user t (~"a b" +get)',
      "user t (~'a' +get)",
      'user t (~a"b +get)',
      'user t  on',
      'user  on ~k',
      'user t %RW~* ~x',
      'user t >',
      'user t %R',
      'user t ~*\ruser u on',
      'user t ~a\r',
      'user\tt on',
      'user t\t on',
      'user t (~a\t+get)',
      'user t (~a)\t+get',
      'user t \t(~a)',
      'user t (+get ~a\t)',
      'user t (~a',
      'user t ~a)',
      'user t ~a) +get|)',
      'USER t on',
      '# a comment',
      'user t on #comment',
      'user',
      'user t on\nuser t off',
      'user t on\n\n   \nuser u on',
      'user t on &x',
      'user t on resetchannels &x',
      'user t reset &x',
      'user t (~a &x)',
      'user t (resetchannels &x) &y',
    ];

    it('line for line, with the default user kept', async () => {
      const disagree: unknown[] = [];
      for (const line of LINES) {
        const text = `${DEFAULT}\n${line}\n`;
        const theirs = await load(text);
        const mine = verdict(text);
        if ((mine.length === 0) !== (theirs === undefined)) disagree.push({ line, ours: mine, theirs });
      }
      expect(disagree).toEqual([]);
    });

    // An unclosed "(" after other rules crashes redis-server 7.0.15 on ACL LOAD (a NULL
    // dereference in ACLLoadFromFile): such lines are refused here and never sent.
    const crashes = (text: string) => verdict(text).some((m) => m.includes('this selector is never closed'));

    it('the generated rule sets as file lines (words joined by one space)', async () => {
      const disagree: unknown[] = [];
      const lines = GENERATED.slice(0, 150).map((args) => `${DEFAULT}\nuser f ${args.join(' ')}\n`);
      expect(lines.filter(crashes).length).toBeGreaterThan(0);
      for (const text of lines.filter((t) => !crashes(t))) {
        const args = text.split('\n')[1];
        const theirs = await load(text);
        const mine = verdict(text);
        if ((mine.length === 0) !== (theirs === undefined)) disagree.push({ args, ours: mine, theirs });
      }
      expect(disagree).toEqual([]);
    });

    it('a NUL byte in a file is refused: Redis would glue the next line onto the cut one', async () => {
      const text = `${DEFAULT}\nuser t on ~a\0b\nuser u on\n`;
      expect(await load(text)).toMatch(/Syntax error/);
      expect(verdict(text)[0]).toContain('holds a NUL byte');
    });
  });
});
