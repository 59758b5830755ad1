// Access: who can connect and with what (issue 14, Checks > Access). Levels follow the seed's
// checklist: Development's "Set requirepass" is Basic, Staging's "Configure ACL users" and
// "Disable default user" are Standard, Production's "Strong unique passwords (32+ chars)",
// "Per-application ACL users" and "Regular credential rotation" are High.
import { aclSetuserFix, fail, pass, unread, warn } from './finding.js';
import { adminsOf, enabledUsers, ruleLine } from './users.js';
import type { AuditContext, AuditUser, CheckDef, Finding, NodeFacts } from './types.js';

const DEV = 'Security Checklist > Development';
const PROD = 'Security Checklist > Production';

/** Runs `judge` on the node's users, or says why they are not known (NOPERM names `+acl|list`). */
export function withUsers(facts: NodeFacts, judge: (users: AuditUser[]) => Finding): Finding {
  return facts.users.ok ? judge(facts.users.value) : unread('ACL LIST', facts.users);
}

const aclListEvidence = (users: readonly AuditUser[]) => ({
  command: 'ACL LIST',
  value: users.map(ruleLine).join('\n'),
});

/** Turning `default` off, online unless the console itself is `default` (it would lock itself out). */
function defaultOffFix(facts: NodeFacts, ctx: AuditContext, text: string) {
  const fix = aclSetuserFix(facts, 'default', ['off'], text, 'user default off');
  if (ctx.consoleUser === 'default' || ctx.consoleUser === undefined) {
    const { online: _online, ...rest } = fix;
    return { ...rest, text: `${text} (first connect as another admin user: the console is using default)` };
  }
  return fix;
}

function defaultUser(users: readonly AuditUser[]): AuditUser | undefined {
  return users.find((u) => u.name === 'default');
}

/** A check of the default user: fails when `bad` holds of it (enabled), with the fix to turn it off. */
function defaultUserCheck(
  bad: (d: AuditUser) => boolean,
  ok: string,
  problem: string,
  fixText: string,
): CheckDef['check'] {
  return (facts, ctx) =>
    withUsers(facts, (users) => {
      const d = defaultUser(users);
      const evidence = [{ command: 'ACL LIST', value: d ? ruleLine(d) : '(no default user)' }];
      if (!d || !d.enabled || !bad(d)) return pass(ok, evidence);
      return fail(problem, evidence, defaultOffFix(facts, ctx, fixText), ['default']);
    });
}

const PASSWORD_FIX =
  'give it a password of 32+ random characters (Users pane, `p`), or turn it off; never `nopass`';

export const ACCESS_CHECKS: CheckDef[] = [
  {
    id: 'AUTH-001',
    title: 'A connection without credentials is refused (NOAUTH)',
    area: 'access',
    level: 'basic',
    severity: 'critical',
    seed: `${DEV} > Set requirepass; Security Headers Check Script > Authentication required`,
    why: 'Development: "Set requirepass" is the whole of Basic ("Password only")',
    check: (facts, ctx) => {
      const probe = facts.unauthenticated;
      if (!probe.ok) return unread('a connection without credentials', probe);
      const evidence = [
        { command: 'PING (new connection, no AUTH)', value: probe.value === 'noauth' ? '-NOAUTH' : '+PONG' },
      ];
      if (probe.value === 'noauth') return pass('a client without credentials gets NOAUTH', evidence);
      return fail(
        'anyone who reaches the port can run commands without a password',
        evidence,
        defaultOffFix(
          facts,
          ctx,
          'Turn the default user off, or give it a password (`requirepass` of 32+ chars)',
        ),
      );
    },
  },
  {
    id: 'AUTH-002',
    title: 'The default user is not enabled with nopass',
    area: 'access',
    level: 'basic',
    severity: 'critical',
    seed: `${DEV} > Set requirepass`,
    why: 'default on nopass is "no password": Basic requires one',
    check: defaultUserCheck(
      (d) => d.nopass,
      'default is off or has a password',
      'default has nopass: anyone connecting is this user, without a password',
      'Turn default off (`ACL SETUSER default off`) and use named users',
    ),
  },
  {
    id: 'AUTH-003',
    title: 'The default user is disabled',
    area: 'access',
    level: 'standard',
    severity: 'medium',
    seed: 'Security Checklist > Staging > Disable default user; ACL File > user default off',
    why: 'Staging: "Disable default user"',
    check: defaultUserCheck(
      () => true,
      'default is off',
      'default is on: every connection that does not AUTH as a named user is default',
      'Turn default off and connect as named users',
    ),
  },
  {
    id: 'AUTH-004',
    title: 'The default user is not a full admin (+@all)',
    area: 'access',
    level: 'standard',
    severity: 'high',
    seed: 'Security Checklist > Staging > Disable default user',
    why: 'Staging: a default user left on should at least not hold every command',
    check: defaultUserCheck(
      (d) => /(^|\s)(\+@all|allcommands)(\s|$)/.test(d.commands) && !/-@all/.test(d.commands),
      'default is off or does not hold +@all',
      'default is on with +@all: any client with its password is a full admin',
      'Turn default off; give admins their own user',
    ),
  },
  {
    id: 'AUTH-005',
    title: 'No enabled user has nopass',
    area: 'access',
    level: 'basic',
    severity: 'critical',
    seed: `${DEV} > Set requirepass`,
    why: 'a nopass user accepts any password: Basic requires one',
    check: (facts) =>
      withUsers(facts, (users) => {
        const open = enabledUsers(users).filter((u) => u.nopass && u.name !== 'default');
        if (open.length === 0) return pass('no other enabled user has nopass', [aclListEvidence(users)]);
        const names = open.map((u) => u.name);
        return fail(
          `${names.join(', ')} accept${open.length === 1 ? 's' : ''} any password (nopass)`,
          [aclListEvidence(open)],
          {
            text: `For each: ${PASSWORD_FIX}`,
            commands: names.map((n) => `ACL SETUSER ${n} resetpass >NEW_PASSWORD`),
            acl: names.map((n) => `user ${n} on #<sha256 of a 32+ char password> ...`),
          },
          names,
        );
      }),
  },
  {
    id: 'AUTH-006',
    title: 'requirepass, when set, is 32 characters or longer',
    area: 'access',
    level: 'high',
    severity: 'medium',
    seed: `${PROD} > Strong unique passwords (32+ chars); Authentication > requirepass ..._min_32_chars`,
    why: 'Production: "Strong unique passwords (32+ chars)"',
    check: (facts) => {
      const rp = facts.requirepass;
      if (!rp.ok) return unread('CONFIG GET requirepass', rp);
      // The value is never read into a finding: only whether it is set and its length.
      const evidence = [
        {
          command: 'CONFIG GET requirepass',
          value: rp.value.set ? `set, ${rp.value.length ?? '?'} characters` : 'not set',
        },
      ];
      if (!rp.value.set) return pass('requirepass is not set (ACL users carry the passwords)', evidence);
      if ((rp.value.length ?? 0) >= 32) return pass('requirepass has 32+ characters', evidence);
      return fail('requirepass is shorter than 32 characters: AUTH is fast to brute-force', evidence, {
        text: 'Set a requirepass of 32+ random characters (e.g. `openssl rand -base64 33`)',
        commands: ['CONFIG SET requirepass NEW_PASSWORD', 'CONFIG REWRITE'],
        conf: ['requirepass <32+ random characters>'],
      });
    },
  },
  {
    id: 'AUTH-007',
    title: 'No password is on the common-password list (checked offline)',
    area: 'access',
    level: 'basic',
    severity: 'high',
    seed: `${PROD} > Strong unique passwords (32+ chars); ${DEV} > Set requirepass`,
    why: 'a password from a public list of the most common ones is no password: Basic (its 32+ length rule is AUTH-006 at High)',
    check: (facts, ctx) =>
      withUsers(facts, (users) => {
        // Hashes from ACL LIST against the list's hashes: no guess is ever sent to a server.
        const weak = users.filter((u) => u.passwords.some((h) => ctx.weakHashes.has(h.toLowerCase())));
        const evidence = [
          {
            command: 'ACL LIST (sha256 hashes, compared offline)',
            value: `${ctx.passwordList.name}: ${ctx.passwordList.count} passwords`,
          },
        ];
        if (weak.length === 0) return pass('no password matches the common-password list', evidence);
        const names = weak.map((u) => u.name);
        return fail(
          `${names.join(', ')} ha${weak.length === 1 ? 's' : 've'} a password from the common-password list`,
          evidence,
          {
            text: `Rotate: ${PASSWORD_FIX}`,
            commands: names.map((n) => `ACL SETUSER ${n} resetpass >NEW_PASSWORD`),
          },
          names,
        );
      }),
  },
  {
    id: 'AUTH-008',
    title: 'No user keeps more than one password (left over from a rotation)',
    area: 'access',
    level: 'high',
    severity: 'low',
    seed: `${PROD} > Regular credential rotation`,
    why: 'Production: rotation; two passwords are normal during one, so a warn, never a block',
    check: (facts) =>
      withUsers(facts, (users) => {
        const many = users.filter((u) => u.passwords.length > 1);
        const evidence = [
          {
            command: 'ACL LIST',
            value: users.map((u) => `${u.name}: ${u.passwords.length} password(s)`).join(', '),
          },
        ];
        if (many.length === 0) return pass('every user has at most one password', evidence);
        const names = many.map((u) => u.name);
        return warn(
          `${names.join(', ')} still accept${many.length === 1 ? 's' : ''} more than one password: finish the rotation`,
          evidence,
          {
            text: 'Remove the old password once every client uses the new one',
            commands: names.map((n) => `ACL SETUSER ${n} <OLD_PASSWORD`),
          },
          names,
        );
      }),
  },
  {
    id: 'AUTH-009',
    title: 'Passwords rotated within 90 days (from the journal)',
    area: 'access',
    level: 'high',
    severity: 'medium',
    seed: `${PROD} > Regular credential rotation`,
    why: 'Production: "Regular credential rotation"; no record in the journal is a warn, not a block',
    check: (facts, ctx) =>
      withUsers(facts, (users) => {
        const withPw = enabledUsers(users).filter((u) => u.passwords.length > 0);
        const changed = facts.passwordChanged ?? {};
        const limit = ctx.now.getTime() - 90 * 86_400_000;
        const stale = withPw.filter((u) => {
          const at = changed[u.name];
          return at !== undefined && Date.parse(at) < limit;
        });
        const noRecord = withPw.filter((u) => changed[u.name] === undefined);
        const evidence = [
          {
            command: 'journal (password changes)',
            value:
              withPw.map((u) => `${u.name}: ${changed[u.name] ?? 'no record'}`).join(', ') ||
              '(no user with a password)',
          },
        ];
        if (stale.length > 0) {
          const names = stale.map((u) => u.name);
          return fail(
            `${names.join(', ')}: password older than 90 days`,
            evidence,
            {
              text: 'Rotate (Users pane `a`, or `redis-warden acl rotate USER`)',
              commands: names.map((n) => `redis-warden acl rotate ${n}`),
            },
            names,
          );
        }
        if (noRecord.length > 0)
          return warn(
            `no record of a rotation for ${noRecord.map((u) => u.name).join(', ')} (the journal knows only rotations made by the console)`,
            evidence,
            undefined,
            noRecord.map((u) => u.name),
          );
        return pass('every password changed within 90 days', evidence);
      }),
  },
  {
    id: 'AUTH-010',
    title: 'ACL users are configured (not only default)',
    area: 'access',
    level: 'standard',
    severity: 'medium',
    seed: 'Security Checklist > Staging > Configure ACL users',
    why: 'Staging: "Configure ACL users"; the maturity table puts ACL at Standard',
    check: (facts) =>
      withUsers(facts, (users) => {
        const named = enabledUsers(users).filter((u) => u.name !== 'default');
        if (named.length > 0) return pass(`${named.length} named user(s) enabled`, [aclListEvidence(users)]);
        return fail('only the default user: every client shares one identity', [aclListEvidence(users)], {
          text: "Create named users (Users pane `n`), e.g. from the seed's ACL file",
          acl: [
            'user admin on >ADMIN_PASSWORD ~* +@all',
            'user app on >APP_PASSWORD ~app:* +@read +@write -@dangerous',
          ],
        });
      }),
  },
  {
    id: 'AUTH-011',
    title: 'Applications have their own users (not an admin or default)',
    area: 'access',
    level: 'high',
    severity: 'medium',
    seed: `${PROD} > Per-application ACL users`,
    why: 'Production: "Per-application ACL users"',
    check: (facts, ctx) =>
      withUsers(facts, (users) => {
        const admins = adminsOf(ctx);
        const apps = enabledUsers(users).filter((u) => u.name !== 'default' && !admins.has(u.name));
        if (apps.length > 0)
          return pass(`application users: ${apps.map((u) => u.name).join(', ')}`, [aclListEvidence(users)]);
        return fail(
          'no enabled user besides default and the admins: applications share an admin identity',
          [aclListEvidence(users)],
          {
            text: 'Give each application its own user with its own key prefix',
            acl: ['user app on >APP_PASSWORD ~app:* +@read +@write -@dangerous'],
          },
        );
      }),
  },
];
