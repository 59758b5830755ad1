// The pieces every check is made of: findings by status, what a node's config says (never a
// secret setting), and fixes (the command, the redis.conf line, and the online operation when
// the console can apply it). Pure.
import type { Evidence, Finding, Fix, NodeFacts, OnlineFix, Read } from './types.js';

export const pass = (detail: string, evidence: Evidence[] = [], subjects?: string[]): Finding => ({
  status: 'pass',
  detail,
  evidence,
  ...(subjects ? { subjects } : {}),
});

export const fail = (detail: string, evidence: Evidence[], fix?: Fix, subjects?: string[]): Finding => ({
  status: 'fail',
  detail,
  evidence,
  ...(fix ? { fix } : {}),
  ...(subjects ? { subjects } : {}),
});

export const warn = (detail: string, evidence: Evidence[], fix?: Fix, subjects?: string[]): Finding => ({
  status: 'warn',
  detail,
  evidence,
  ...(fix ? { fix } : {}),
  ...(subjects ? { subjects } : {}),
});

/** Could not be known: the reason, and the grant that would settle it when it is a permission. */
export const unknown = (reason: string, grant?: string): Finding => ({
  status: 'unknown',
  detail: grant ? `unknown: ${reason} (grant ${grant})` : `unknown: ${reason}`,
  evidence: [],
  unknown: grant ? { reason, grant } : { reason },
});

/** A read that failed, as an unknown finding naming its grant. */
export const unread = (what: string, read: Extract<Read<unknown>, { ok: false }>): Finding =>
  unknown(`${what}: ${read.error}`, read.grant);

/**
 * Settings whose value is a secret. CONFIG GET returns requirepass and masterauth in plain
 * text, so the reader drops them; this guard keeps a check from ever printing one even if a
 * reader let it through (a property test smuggles them in).
 */
export function isSecretSetting(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'requirepass' || n === 'masterauth' || n.includes('pass');
}

type Config = Record<string, string>;

/**
 * Runs `judge` on the node's config, or says why it cannot: the config was not readable
 * (NOPERM names `+config|get`). A secret setting is never handed to a check.
 */
export function withConfig(
  facts: NodeFacts,
  judge: (get: (name: string) => string | undefined) => Finding,
): Finding {
  if (!facts.config.ok) return unread('CONFIG GET', facts.config);
  const config: Config = facts.config.value;
  return judge((name) => (isSecretSetting(name) ? undefined : config[name]));
}

/** `CONFIG GET a b` evidence with the values seen (a secret setting shows only that it is one). */
export function configEvidence(get: (name: string) => string | undefined, ...names: string[]): Evidence {
  return {
    command: `CONFIG GET ${names.join(' ')}`,
    value: names.map((n) => `${n}=${get(n) ?? '(absent)'}`).join(' '),
  };
}

/** INFO <section> <field>, or undefined when INFO was not readable or lacks it. */
export function infoField(facts: NodeFacts, section: string, field: string): string | undefined {
  return facts.info.ok ? facts.info.value[section]?.[field] : undefined;
}

/** The node has a config file (INFO server config_file): CONFIG REWRITE can persist a fix. */
export const hasConfigFile = (facts: NodeFacts): boolean => !!infoField(facts, 'server', 'config_file');

/** `CONFIG REWRITE` after an online change, where there is a file to rewrite. */
function rewriteStep(facts: NodeFacts): { commands: string[]; online: OnlineFix[] } {
  if (!hasConfigFile(facts)) return { commands: [], online: [] };
  return {
    commands: ['CONFIG REWRITE'],
    online: [
      {
        action: 'config.rewrite',
        params: { node: facts.node },
        summary: `CONFIG REWRITE on ${facts.node} (persist it to the config file)`,
      },
    ],
  };
}

/** `"normal 256mb 128mb 60"` (redis-cli form) -> `normal 256mb 128mb 60` (one argument). */
const unquoted = (value: string): string => value.replace(/^"(.*)"$/, '$1');

/** A setting the console can change online: CONFIG SET, then CONFIG REWRITE when there is a file. */
export function configSetFix(facts: NodeFacts, name: string, value: string, text: string): Fix {
  return configSetManyFix(facts, [[name, value]], text);
}

/** Several settings changed online, then one CONFIG REWRITE. */
export function configSetManyFix(
  facts: NodeFacts,
  settings: readonly (readonly [string, string])[],
  text: string,
): Fix {
  const rewrite = rewriteStep(facts);
  return {
    text,
    commands: [...settings.map(([n, v]) => `CONFIG SET ${n} ${v}`), ...rewrite.commands],
    conf: settings.map(([n, v]) => `${n} ${v}`),
    online: [
      ...settings.map(([name, value]) => ({
        action: 'config.set',
        // The operation's exact params (src/ops/operations: config.set); the value as CONFIG
        // SET takes it, one argument, without the quotes the command line needs.
        params: { node: facts.node, name, value: unquoted(value) },
        summary: `CONFIG SET ${name} ${value} on ${facts.node}`,
      })),
      ...rewrite.online,
    ],
  };
}

/** A setting that only takes effect from redis.conf at start (IMMUTABLE, or risky online). */
export const restartFix = (text: string, conf: string[], commands?: string[]): Fix => ({
  text,
  conf,
  restart: true,
  ...(commands ? { commands } : {}),
});

/**
 * An ACL change the console can make online (ACL SETUSER per user), then saved once with
 * ACL SAVE (an aclfile) or CONFIG REWRITE (a config file) where there is somewhere to save it.
 */
export function aclSetuserFix(
  facts: NodeFacts,
  users: string | readonly string[],
  rules: string[],
  text: string,
  aclLine?: string,
): Fix {
  const names = typeof users === 'string' ? [users] : [...users];
  const aclfile = facts.config.ok && !!facts.config.value.aclfile;
  const persist = aclfile || hasConfigFile(facts);
  const save = aclfile ? 'ACL SAVE' : 'CONFIG REWRITE';
  return {
    text,
    commands: [...names.map((u) => `ACL SETUSER ${u} ${rules.join(' ')}`), ...(persist ? [save] : [])],
    ...(aclLine ? { acl: [aclLine] } : {}),
    online: [
      ...names.map((user) => ({
        action: 'acl.setuser',
        // The operation's exact params (src/ops/operations: acl.setuser, change 'rules').
        params: { change: 'rules', node: facts.node, user, rules },
        summary: `ACL SETUSER ${user} ${rules.join(' ')} on ${facts.node}`,
      })),
      ...(persist
        ? [
            {
              action: aclfile ? 'acl.save' : 'config.rewrite',
              params: { node: facts.node },
              summary: `${save} on ${facts.node} (persist it)`,
            },
          ]
        : []),
    ],
  };
}

/** `yes`/`no` settings as Redis prints them. */
export const isYes = (value: string | undefined): boolean => value?.toLowerCase() === 'yes';

/** A number from CONFIG GET (`0`, `1024`), or undefined when it is not one. */
export function num(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '' || !/^-?\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
