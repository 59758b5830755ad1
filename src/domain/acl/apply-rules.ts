// What ACL SETUSER would make of a user: the rules applied to a model, locally, so a plan
// or the rule editor can show the result before anything is sent.
import { createHash } from 'node:crypto';
import { ruleToText } from './rules.js';
import type { AclRule, AclRuleToken, AclSelector, AclUser } from './types.js';

export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** A user as `ACL SETUSER name reset` leaves it (Redis 7.0: acl-pubsub-default resetchannels). */
export function blankUser(name: string): AclUser {
  return {
    name,
    enabled: false,
    nopass: false,
    flags: ['off'],
    passwords: [],
    keys: [],
    channels: [],
    commands: '-@all',
    selectors: [],
  };
}

const keyText = (r: Extract<AclRule, { kind: 'key' }>) =>
  r.access === 'RW' ? `~${r.pattern}` : `%${r.access}~${r.pattern}`;

/** Command rules accumulate as text; `+@all` / `-@all` (and their aliases) start it afresh. */
function addCommand(commands: string, rule: AclRule): string {
  if (rule.kind === 'allcommands') return '+@all';
  if (rule.kind === 'nocommands') return '-@all';
  const text = ruleToText(rule);
  if (rule.kind === 'command' && rule.category && rule.name === 'all') return text;
  return `${commands} ${text}`;
}

function applySelector(tokens: readonly AclRuleToken[]): AclSelector {
  const sel: AclSelector = { keys: [], channels: [], commands: '-@all' };
  for (const { rule } of tokens) {
    if (rule.kind === 'key') sel.keys.push(keyText(rule));
    else if (rule.kind === 'allkeys') sel.keys = ['~*'];
    else if (rule.kind === 'resetkeys') sel.keys = [];
    else if (rule.kind === 'channel') sel.channels.push(`&${rule.pattern}`);
    else if (rule.kind === 'allchannels') sel.channels = ['&*'];
    else if (rule.kind === 'resetchannels') sel.channels = [];
    else sel.commands = addCommand(sel.commands, rule);
  }
  return sel;
}

/** Applies rules to a copy of `user`, as one ACL SETUSER would. Plain passwords become hashes. */
export function applyRules(user: AclUser, tokens: readonly AclRuleToken[]): AclUser {
  let u: AclUser = {
    ...user,
    passwords: [...user.passwords],
    keys: [...user.keys],
    channels: [...user.channels],
    selectors: [...user.selectors],
  };
  const dropHash = (h: string) => (u.passwords = u.passwords.filter((p) => p !== h));
  const addHash = (h: string) => {
    if (!u.passwords.includes(h)) u.passwords.push(h);
    u.nopass = false;
  };
  for (const { rule } of tokens) {
    switch (rule.kind) {
      case 'on':
      case 'off':
        u.enabled = rule.kind === 'on';
        break;
      case 'nopass':
        u.nopass = true;
        u.passwords = [];
        break;
      case 'resetpass':
        u.nopass = false;
        u.passwords = [];
        break;
      case 'password':
        if (rule.op === 'add') addHash(sha256(rule.secret));
        else dropHash(sha256(rule.secret));
        break;
      case 'hash':
        if (rule.op === 'add') addHash(rule.hash);
        else dropHash(rule.hash);
        break;
      case 'key':
        u.keys.push(keyText(rule));
        break;
      case 'allkeys':
        u.keys = ['~*'];
        break;
      case 'resetkeys':
        u.keys = [];
        break;
      case 'channel':
        u.channels.push(`&${rule.pattern}`);
        break;
      case 'allchannels':
        u.channels = ['&*'];
        break;
      case 'resetchannels':
        u.channels = [];
        break;
      case 'selector':
        u.selectors.push(applySelector(rule.rules));
        break;
      case 'clearselectors':
        u.selectors = [];
        break;
      case 'reset':
        u = blankUser(u.name);
        break;
      case 'sanitize-payload':
      case 'skip-sanitize-payload':
        u.flags = [...u.flags.filter((f) => !f.endsWith('sanitize-payload')), rule.kind];
        break;
      default:
        u.commands = addCommand(u.commands, rule);
    }
  }
  const extra = u.flags.filter((f) => !['on', 'off', 'nopass'].includes(f));
  u.flags = [u.enabled ? 'on' : 'off', ...(u.nopass ? ['nopass'] : []), ...extra];
  return u;
}
