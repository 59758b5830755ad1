// Commands: who may run what (issue 14, Checks > Commands). Staging's "Disable dangerous
// commands" is Standard; the seed prefers ACLs to rename-command ("ACL-Based Restrictions
// (Preferred)"), so a renamed command is a warn that says so, never a block.
import { withUsers } from './checks-access.js';
import {
  aclSetuserFix,
  configEvidence,
  configSetFix,
  fail,
  pass,
  restartFix,
  unread,
  warn,
  withConfig,
} from './finding.js';
import {
  DECLARE_ADMIN,
  adminsOf,
  allowedProbes,
  canScript,
  enabledUsers,
  hasAllChannels,
  renamedProbes,
} from './users.js';
import type { CheckDef } from './types.js';

const STAGING = 'Security Checklist > Staging';

export const COMMAND_CHECKS: CheckDef[] = [
  {
    id: 'CMD-001',
    title: 'Only admins may run the dangerous commands (ACL DRYRUN per user)',
    area: 'commands',
    level: 'standard',
    severity: 'high',
    seed: `${STAGING} > Disable dangerous commands; Command Restrictions > ACL-Based Restrictions (Preferred)`,
    why: 'Staging: "Disable dangerous commands"',
    check: (facts, ctx) =>
      withUsers(facts, (users) => {
        if (!facts.dryrun.ok) return unread('ACL DRYRUN', facts.dryrun);
        const dry = facts.dryrun.value;
        const admins = adminsOf(ctx);
        const offenders = enabledUsers(users)
          .filter((u) => !admins.has(u.name))
          .map((u) => ({ name: u.name, allowed: allowedProbes(dry[u.name]) }))
          .filter((o) => o.allowed.length > 0);
        const evidence = enabledUsers(users).map((u) => ({
          command: `ACL DRYRUN ${u.name} <each probed command>`,
          value: `allowed: ${allowedProbes(dry[u.name]).join(', ') || 'none'}`,
        }));
        // DRYRUN answers for a disabled user as if it were on: one turned on again gets these.
        const dormant = users
          .filter((u) => !u.enabled && u.name !== 'default' && !admins.has(u.name))
          .filter((u) => allowedProbes(dry[u.name]).length > 0)
          .map((u) => u.name);
        if (offenders.length === 0 && dormant.length > 0)
          return warn(
            `${dormant.join(', ')} ${dormant.length === 1 ? 'is' : 'are'} off, but would run dangerous commands if turned on (${DECLARE_ADMIN})`,
            evidence,
            aclSetuserFix(
              facts,
              dormant,
              ['-@dangerous', '-@admin'],
              'Take @dangerous and @admin from them too',
            ),
            dormant,
          );
        if (offenders.length === 0)
          return pass(
            `no non-admin user may run a dangerous command (admins: ${[...admins].join(', ')})`,
            evidence,
          );
        const names = offenders.map((o) => o.name);
        return fail(
          `${offenders.map((o) => `${o.name} may run ${o.allowed.join(', ')}`).join('; ')}: not an admin (${DECLARE_ADMIN})`,
          evidence,
          aclSetuserFix(
            facts,
            names,
            ['-@dangerous', '-@admin', '-@scripting'],
            'Take @dangerous, @admin and @scripting from application users (or declare the user an admin)',
            'user app on >APP_PASSWORD ~app:* +@read +@write -@dangerous',
          ),
          names,
        );
      }),
  },
  {
    id: 'CMD-002',
    title: 'enable-protected-configs, enable-debug-command and enable-module-command are not yes',
    area: 'commands',
    level: 'standard',
    severity: 'high',
    seed: `${STAGING} > Disable dangerous commands`,
    why: 'Staging: "Disable dangerous commands"; these gate CONFIG SET dir/dbfilename, DEBUG and MODULE LOAD',
    check: (facts) =>
      withConfig(facts, (get) => {
        const names = ['enable-protected-configs', 'enable-debug-command', 'enable-module-command'];
        const ev = [configEvidence(get, ...names)];
        // `local` allows them from loopback only: acceptable; `yes` from anywhere is not.
        const open = names.filter((n) => get(n)?.toLowerCase() === 'yes');
        if (open.length === 0) return pass('each is no or local', ev);
        return fail(
          `${open.join(', ')} ${open.length === 1 ? 'is' : 'are'} yes: any user with the command can use it from anywhere`,
          ev,
          restartFix(
            'Set them to no in redis.conf (immutable: takes a restart)',
            open.map((n) => `${n} no`),
          ),
          open,
        );
      }),
  },
  {
    id: 'CMD-003',
    title: 'Dangerous commands are restricted by ACL, not rename-command',
    area: 'commands',
    level: 'high',
    severity: 'info',
    seed: 'Security Checklist > Production > Rename/disable admin commands; Command Restrictions > Rename Dangerous Commands',
    why: 'Production: "Rename/disable admin commands"; the seed prefers ACLs, so rename is a warn',
    check: (facts) => {
      if (!facts.dryrun.ok) return unread('ACL DRYRUN', facts.dryrun);
      const renamed = new Set(Object.values(facts.dryrun.value).flatMap((d) => renamedProbes(d)));
      const ev = [
        {
          command: 'ACL DRYRUN <user> <each probed command>',
          value: renamed.size ? `not found: ${[...renamed].join(', ')}` : 'every command known',
        },
      ];
      if (renamed.size === 0) return pass('no probed command is renamed away', ev);
      return warn(
        `${[...renamed].join(', ')} renamed or removed (rename-command): the seed prefers ACL restrictions, which are visible in ACL LIST and per user`,
        ev,
        {
          text: 'Restrict with ACLs (-@dangerous per application user) and drop rename-command from redis.conf',
          conf: ['# remove the rename-command lines'],
          restart: true,
        },
        [...renamed],
      );
    },
  },
  {
    id: 'CMD-004',
    title: 'acl-pubsub-default is resetchannels',
    area: 'commands',
    level: 'standard',
    severity: 'medium',
    seed: `${STAGING} > Configure ACL users`,
    why: 'Staging: new ACL users should start with no channels (the 7.0 default)',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'acl-pubsub-default')];
        if (get('acl-pubsub-default')?.toLowerCase() === 'resetchannels')
          return pass('new users start with no channels', ev);
        return fail(
          'new users get every Pub/Sub channel (allchannels)',
          ev,
          configSetFix(
            facts,
            'acl-pubsub-default',
            'resetchannels',
            'Start new users with no channels (existing users keep theirs)',
          ),
        );
      }),
  },
  {
    id: 'CMD-005',
    title: 'Only admins have every channel (&*)',
    area: 'commands',
    level: 'standard',
    severity: 'medium',
    seed: `${STAGING} > Configure ACL users`,
    why: 'Staging: an application user reads every channel with &*',
    check: (facts, ctx) =>
      withUsers(facts, (users) => {
        const admins = adminsOf(ctx);
        const wide = enabledUsers(users).filter((u) => !admins.has(u.name) && hasAllChannels(u));
        const ev = [
          {
            command: 'ACL LIST',
            value: enabledUsers(users)
              .map(
                (u) =>
                  `${u.name}: ${u.channels.map((c) => `&${c.replace(/^&/, '')}`).join(' ') || 'no channels'}`,
              )
              .join(', '),
          },
        ];
        if (wide.length === 0) return pass('no non-admin user has every channel', ev);
        const names = wide.map((u) => u.name);
        return fail(
          `${names.join(', ')}: every Pub/Sub channel (&*), not an admin (${DECLARE_ADMIN})`,
          ev,
          {
            text: 'Give each user the channels it uses',
            commands: names.map((n) => `ACL SETUSER ${n} resetchannels &app:*`),
          },
          names,
        );
      }),
  },
  {
    id: 'CMD-006',
    title: 'Only admins may run Lua (@scripting)',
    area: 'commands',
    level: 'standard',
    severity: 'high',
    seed: 'Access Control Lists > Command Categories > @scripting',
    why: 'Staging: "Disable dangerous commands"; the Lua CVEs (RediShell and its family) need only EVAL',
    check: (facts, ctx) =>
      withUsers(facts, (users) => {
        const admins = adminsOf(ctx);
        const scripting = enabledUsers(users).filter((u) => !admins.has(u.name) && canScript(facts, u));
        const ev = [
          {
            command: 'ACL DRYRUN <user> EVAL "return 1" 0 / ACL LIST',
            value: enabledUsers(users)
              .map((u) => `${u.name}: ${canScript(facts, u) ? 'can' : 'cannot'} run Lua`)
              .join(', '),
          },
        ];
        if (scripting.length === 0) return pass('no non-admin user may run Lua', ev);
        const names = scripting.map((u) => u.name);
        return fail(
          `${names.join(', ')} may run Lua scripts, not an admin (${DECLARE_ADMIN})`,
          ev,
          aclSetuserFix(facts, names, ['-@scripting'], 'Take @scripting from application users'),
          names,
        );
      }),
  },
];
