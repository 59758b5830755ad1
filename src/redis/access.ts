// What the console's user may do on a node, need by need (domain/pane-needs.ts), found
// without side effects and without filling ACL LOG:
// 1. ACL DRYRUN as itself: exact, runs nothing, and a denied dry run is not logged;
// 2. else ACL GETUSER of itself plus ACL CAT: its rules, evaluated as Redis does;
// 3. else run the needs that only read (PING, CLIENT LIST, ACL LOG 0...) and see which are
//    refused: at most one ACL LOG entry per refused command; the actions stay "unknown".
// Never a guess: what cannot be told is "unknown".
import { effectiveOfText } from '../domain/acl/effective.js';
import type { AclUser, CommandUniverse } from '../domain/acl/types.js';
import type { AccessItem, AccessReport, Verdict } from '../domain/access.js';
import { PANE_NEEDS } from '../domain/pane-needs.js';
import type { PaneNeed } from '../domain/pane-needs.js';
import { commandUniverse, dryRun, getUser } from './acl.js';
import { explain } from './errors.js';
import type { ReadNode } from './read-node.js';

type Check = (command: readonly string[], grant: string) => Promise<Verdict>;

const key = (command: readonly string[]) => command.join(' ');

/** Any alternative allowed: yes; all refused: no; else unknown. */
async function judge(need: PaneNeed, check: Check): Promise<Verdict> {
  const verdicts = await Promise.all(need.anyOf.map((a) => check(a.command, a.grant)));
  if (verdicts.includes('yes')) return 'yes';
  return verdicts.every((v) => v === 'no') ? 'no' : 'unknown';
}

async function viaDryRun(node: ReadNode, user: string): Promise<Check | undefined> {
  try {
    await dryRun(node, user, ['PING']);
  } catch {
    return undefined;
  }
  return async (command) => {
    try {
      return (await dryRun(node, user, command)).allowed ? 'yes' : 'no';
    } catch {
      // A command this server does not have: neither allowed nor refused.
      return 'unknown';
    }
  };
}

/** A command is allowed when the root rules or any selector allow it (none of these take keys). */
function viaRules(user: AclUser, universe: CommandUniverse): Check {
  const rules = [user.commands, ...user.selectors.map((s) => s.commands)];
  return async (_command, grant) => {
    const name = grant.replace(/^\+/, '');
    if (!universe.commands.has(name)) return 'unknown';
    return rules.some((r) => effectiveOfText(r, universe).allowed.has(name)) ? 'yes' : 'no';
  };
}

async function viaRulesOf(node: ReadNode, user: string): Promise<Check | undefined> {
  try {
    const [me, universe] = await Promise.all([getUser(node, user), commandUniverse(node)]);
    return me ? viaRules(me, universe) : undefined;
  } catch {
    return undefined;
  }
}

function viaTrying(node: ReadNode, harmless: ReadonlySet<string>): Check {
  return async (command) => {
    if (!harmless.has(key(command))) return 'unknown';
    const [name = '', ...args] = command;
    try {
      await node.call(name, args);
      return 'yes';
    } catch (err) {
      return explain(err).code === 'SEC003' ? 'no' : 'unknown';
    }
  };
}

/** Asks each distinct command once, however many needs share it. */
function once(check: Check): Check {
  const seen = new Map<string, Promise<Verdict>>();
  return (command, grant) => {
    let v = seen.get(key(command));
    if (!v) seen.set(key(command), (v = check(command, grant)));
    return v;
  };
}

/** `p`, or `late` once the deadline has passed (or when `p` fails). */
function by<T>(p: Promise<T>, deadline: number, late: T): Promise<T> {
  const ms = deadline - Date.now();
  if (ms <= 0) return Promise.resolve(late);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(late), ms);
    const settle = (v: T) => {
      clearTimeout(timer);
      resolve(v);
    };
    p.then(settle, () => settle(late));
  });
}

/** Every need judged; whatever is not known by `deadline` (ms epoch) is "unknown". */
export async function checkAccess(
  node: ReadNode,
  user: string,
  deadline: number,
  needs: readonly PaneNeed[] = PANE_NEEDS,
): Promise<AccessReport> {
  const harmless = new Set(
    needs.filter((n) => n.harmless).flatMap((n) => n.anyOf.map((a) => key(a.command))),
  );
  let method: AccessReport['method'] = 'dryrun';
  let check = await by(viaDryRun(node, user), deadline, undefined);
  if (!check) {
    method = 'rules';
    check = await by(viaRulesOf(node, user), deadline, undefined);
  }
  if (!check) {
    method = 'tried';
    check = viaTrying(node, harmless);
  }
  const cached = once(check);
  // One at a time: the reads tried for real are few, and a slow server is not flooded.
  const items: AccessItem[] = [];
  for (const need of needs) items.push({ need, can: await by(judge(need, cached), deadline, 'unknown') });
  return { node: node.id, user, method, items };
}
