// What the headless user changes (acl-user.ts) read before acting and say after: the users
// as the server has them, the change as the pane's confirmation shows it (SETUSER line
// masked, permission diff, new risks, lockout), and each node's outcome, re-read by name.
import { lineFromStdin } from './stdin-line.js';
import type { Preview } from '../domain/acl/rule-preview.js';
import { newRiskLine } from '../domain/acl/risk.js';
import type { PubsubDefault } from '../domain/acl/rules-context.js';
import { MAX_PASSWORD_BYTES, userFromListLine } from '../domain/acl/rules.js';
import type { AclUser, CommandUniverse } from '../domain/acl/types.js';
import { toDisplay } from '../domain/display.js';
import { checkUser, commandUniverse, listUserLines } from '../redis/acl.js';
import type { UserExpectation } from '../redis/acl.js';
import { pubsubDefault } from '../redis/config-get.js';
import { needsHint } from '../redis/errors.js';
import type { MutationResult } from '../ops/mutation.js';
import { UsageError } from './context.js';
import type { CommandContext } from './context.js';
import { errorText, refusedError } from './acl-session.js';
import type { AclSession } from './acl-session.js';

/** What a change is judged against: read from the node the session reads from. */
export interface Known {
  users: AclUser[];
  me?: string;
  universe?: CommandUniverse;
  pubsubDefault?: PubsubDefault;
  /** INFO's redis_version: the rule check follows it (7.2+ refuses what only 7.0 loads). */
  serverVersion?: string;
}

export async function readKnown(ctx: CommandContext, s: AclSession): Promise<Known> {
  let lines: string[];
  try {
    lines = await listUserLines(s.node);
  } catch (err) {
    // Without the rules there is no diff and no lockout check: nothing is changed blind.
    throw refusedError('ACL LIST', err, s.target.secrets, '+acl|list', s.me);
  }
  const users = lines.map(userFromListLine);
  let universe: CommandUniverse | undefined;
  try {
    universe = await commandUniverse(s.node);
  } catch (err) {
    ctx.warn(
      `Warning: risks judged from the rule text only: ACL CAT: ${toDisplay(errorText(err, s.target.secrets))}`,
    );
  }
  const pubsub = await pubsubDefault(s.node).catch(() => undefined);
  return { users, me: s.me, universe, pubsubDefault: pubsub, serverVersion: s.node.status.server?.version };
}

/** The user by its exact name (bytes), or exit 2 naming it as shown. */
export function existing(known: Known, name: string): AclUser {
  const user = known.users.find((u) => u.name === name);
  // Raw: the top level escapes a UsageError's message (escaping twice would double `\`).
  if (!user) throw new UsageError(`no such user: ${name}`);
  return user;
}

/** The confirmation the pane shows, as lines: the first is the command, masked. */
export function changeLines(
  name: string,
  shownArgs: readonly string[],
  nodes: number,
  p: Pick<Preview, 'changes' | 'newRisks' | 'lockout'>,
  command = 'ACL SETUSER',
): string[] {
  return [
    toDisplay(`${command} ${name}${shownArgs.length ? ` ${shownArgs.join(' ')}` : ''}`) +
      ` on ${nodes} node${nodes === 1 ? '' : 's'}.`,
    ...p.changes.map((c) => `  ${toDisplay(c)}`),
    ...p.newRisks.map((r) => toDisplay(newRiskLine(r))),
    ...p.lockout.map((l) => `LOCKOUT: this ${toDisplay(l)}.`),
  ];
}

const outcomeWord = (r: MutationResult<unknown>, ok: number): string =>
  ok === r.results.length
    ? 'ok'
    : ok > 0
      ? 'PARTLY'
      : r.results.some((x) => x.outcome === 'unknown')
        ? 'UNKNOWN'
        : r.results.every((x) => x.outcome === 'not-attempted')
          ? 'NOT ATTEMPTED'
          : 'FAILED';

/** "Disable user app: ok on 3/3 nodes" plus one line per node that did not answer OK. */
export function resultLines(r: MutationResult<unknown>): string[] {
  const ok = r.results.filter((x) => x.outcome === 'ok').length;
  const n = r.results.length;
  const head = toDisplay(`${r.summary}: ${outcomeWord(r, ok)} on ${ok}/${n} node${n === 1 ? '' : 's'}`);
  return [
    head,
    ...r.results.flatMap((x) =>
      x.outcome === 'ok'
        ? []
        : [
            `    ${x.target}: ${x.outcome === 'unknown' ? 'outcome UNKNOWN (the reply was lost): ' : ''}${toDisplay(
              `${x.error.code ? `${x.error.code} ` : ''}${x.error.name}: ${x.error.message}${needsHint(x.error)}`,
            )}`,
          ],
    ),
  ];
}

/**
 * A node whose reply was lost is re-read by the exact name once it is back (as acl apply
 * does): what the server shows now, never a guess.
 */
export async function recheckUnknown(
  s: AclSession,
  r: MutationResult<unknown>,
  name: string,
  expected: UserExpectation,
): Promise<string[]> {
  const lost = r.results.filter((x) => x.outcome === 'unknown' || x.outcome === 'not-attempted');
  if (!lost.length) return [];
  await s.settle();
  const check = checkUser(s.target, name, expected);
  return Promise.all(
    lost.map(async (x) => {
      try {
        const differs = await check(x.target);
        return `    ${x.target} re-read: ${differs === undefined ? 'the change is there' : toDisplay(`not changed (${differs})`)}`;
      } catch (err) {
        return `    ${x.target} re-read failed: ${toDisplay(errorText(err, s.target.secrets))}`;
      }
    }),
  );
}

/**
 * One line from stdin, never echoed: a pipe (`printf %s "$PW" |`) or, on a terminal, a prompt
 * that shows nothing. Refused when empty or longer than the pane accepts (16 KiB).
 */
export async function passwordFromStdin(): Promise<string> {
  let line: string;
  if (process.stdin.isTTY) {
    const { promptSecret } = await import('../profiles/prompt.js');
    line = await promptSecret('New password (not shown): ', { mask: '' });
  } else {
    line = await lineFromStdin(MAX_PASSWORD_BYTES * 4);
  }
  if (!line) throw new UsageError('--password-stdin: no password on stdin (an empty line)');
  if (Buffer.byteLength(line, 'utf8') > MAX_PASSWORD_BYTES)
    throw new UsageError('--password-stdin: longer than 16 KiB: refused');
  return line;
}
