// The Redis ACL file (`aclfile`), read and written the way redis-server 7.0.15 loads it
// (ACLLoadFromFile). Found by starting the real server on hand-made files:
// - `#` comment lines are NOT accepted: Redis refuses to start ("should start with user
//   keyword followed by the username"), and `#...` after the rules is read as a #hash rule.
// - Blank and whitespace-only lines are skipped; each line is trimmed of " \t\r\n", so
//   leading spaces and CRLF endings are fine.
// - Words are split on single spaces only: a tab between words is part of a word (so
//   `user<TAB>alice` is not a user line); two spaces make an empty word, which is a no-op
//   among the rules but an empty username right after `user`.
// - `user` must be lowercase; a user defined twice rejects the whole file.
// - The file is bytes: lines split on "\n", words on " ", no decoding. Names and patterns that
//   are not UTF-8 are written as their raw bytes and read back to the same surrogate-escaped
//   string (src/domain/bytes.ts), so a file names exactly the users the server has.
// - Each rule (a selector once its words are merged) is trimmed of "\t\r\n" at both ends.
// - A NUL byte ends the text Redis reads from that line (it reads C strings): the rest of the
//   line and its newline are lost, so the next line is glued on. Refused here.
// - Each user starts empty, so `<pw` / `!hash` only remove what the same line added.
import { decodeServerBytes, rawBytes } from '../bytes.js';
import { toDisplay } from '../display.js';
import type { AclRuleToken, AclUser } from './types.js';
import { redactToken } from './rules-messages.js';
import { freshUserProblems } from './rules-fresh.js';
import { parseRuleArgs } from './rules-parse.js';
import { userToRules } from './rules-user.js';

export interface AclFileUser {
  name: string;
  line: number;
  tokens: AclRuleToken[];
  /** Why Redis 7.2+ and Valkey refuse this line though 7.0 loads it (ParsedRules.refusedSince72). */
  refusedSince72?: string[];
}

export interface AclFileError {
  line: number;
  /** The offending rule, or the line's first words; passwords redacted. */
  text: string;
  message: string;
}

export interface ParsedAclFile {
  users: AclFileUser[];
  errors: AclFileError[];
  /** What Redis loads but is most likely not meant (see ParsedRules.warnings). */
  warnings: AclFileError[];
}

const trim = (s: string): string => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
// Redis refuses usernames with isspace() characters or NUL.
const BAD_NAME = /[\t\n\v\f\r\0 ]/;

function lineError(words: string[]): string | undefined {
  const first = words[0] ?? '';
  if (first.startsWith('#')) {
    return 'comments are not allowed: Redis 7.0 refuses to load an ACL file with a "#" line; remove it (keep notes in a separate file)';
  }
  if (first !== 'user') {
    const hint = /^user[\t\v\f]/i.test(first)
      ? ': separate words with single spaces (Redis does not split on tabs)'
      : first.toLowerCase() === 'user'
        ? ': "user" must be lowercase'
        : '';
    return `every line must be "user NAME rules...", this one starts with "${toDisplay(redactToken(first))}"${hint}`;
  }
  const name = words[1];
  if (name === undefined) return 'the user name is missing: write "user NAME rules..."';
  if (BAD_NAME.test(name)) {
    return `the user name "${toDisplay(name)}" contains whitespace or NUL, which Redis refuses in usernames`;
  }
  return undefined;
}

/** An ACL file's bytes -> the text parseAclFile reads, every byte kept. */
export const aclFileText = (bytes: Uint8Array): string => decodeServerBytes(bytes);

/** formatAclFile's text -> the bytes to write: raw bytes of names and patterns restored. */
export const aclFileBytes = (text: string): Buffer => rawBytes(text);

// A user line's rules (the words after `user NAME`), parsed as ACL LOAD reads them.
const lineRules = (content: string) => parseRuleArgs(content.split(' ').slice(2), { trimEach: true });

/** The tokens of a user line scanAclFile accepted (its `content`), parsed again. */
export const aclLineTokens = (content: string): AclRuleToken[] => lineRules(content).tokens;

/**
 * parseAclFile, handing each user to `onUser` with its trimmed line instead of keeping every
 * user's tokens: a big file's tokens need not all be alive at once (aclLineTokens(content)
 * gives them again).
 */
export function scanAclFile(
  text: string,
  onUser: (user: AclFileUser, content: string) => void,
): Omit<ParsedAclFile, 'users'> {
  const errors: AclFileError[] = [];
  const warnings: AclFileError[] = [];
  const seen = new Map<string, number>();
  let line = 0;
  // Line by line, without an array of every line (a 10 MB file is one string already).
  for (let at = 0; at <= text.length;) {
    const nl = text.indexOf('\n', at);
    const raw = text.slice(at, nl < 0 ? text.length : nl);
    at = nl < 0 ? text.length + 1 : nl + 1;
    line += 1;
    const content = trim(raw);
    if (content === '') continue;
    if (content.includes('\0')) {
      const message = `line ${line}: holds a NUL byte: Redis stops reading the line there and joins the next line to it; remove it`;
      errors.push({ line, text: content.split(' ', 2).map(redactToken).join(' '), message });
      continue;
    }
    const words = content.split(' ', 2);
    const shownLine = words.map(redactToken).join(' ');
    const problem = lineError(words);
    if (problem !== undefined) {
      errors.push({ line, text: shownLine, message: `line ${line}: ${problem}` });
      continue;
    }
    const name = words[1]!;
    const first = seen.get(name);
    if (first !== undefined) {
      errors.push({
        line,
        text: shownLine,
        message: `line ${line}: user "${toDisplay(name)}" is already defined on line ${first}; Redis refuses a file that defines a user twice: merge the two lines into one`,
      });
      continue;
    }
    seen.set(name, line);
    if (name === '') {
      const message = `line ${line}: the user name is empty (two spaces after "user"?): Redis loads it as a user called ""; write "user NAME rules..." with one space between words`;
      warnings.push({ line, text: shownLine, message });
    }
    const parsed = lineRules(content);
    const fresh = freshUserProblems(parsed.tokens);
    for (const e of [...parsed.errors, ...fresh.errors])
      errors.push({ line, text: e.text, message: `line ${line}: ${e.message}` });
    for (const w of [...parsed.warnings, ...fresh.warnings])
      warnings.push({ line, text: w.text, message: `line ${line}: ${w.message}` });
    const since72 = parsed.refusedSince72.map((e) => e.message);
    onUser(
      { name, line, tokens: parsed.tokens, ...(since72.length ? { refusedSince72: since72 } : {}) },
      content,
    );
  }
  return { errors, warnings };
}

export function parseAclFile(text: string): ParsedAclFile {
  const users: AclFileUser[] = [];
  const { errors, warnings } = scanAclFile(text, (u) => users.push(u));
  return { users, errors, warnings };
}

/** Users as an ACL file Redis can load: passwords only as #hash, sorted by name. */
export function formatAclFile(users: readonly AclUser[]): string {
  const sorted = [...users].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines = sorted.map((user) => {
    if (user.name === '' || BAD_NAME.test(user.name)) {
      throw new Error(`user "${user.name}" cannot be written to an ACL file: empty name or whitespace in it`);
    }
    const rules = userToRules(user);
    // ACL LIST prints patterns raw, so one with a space or newline cannot survive a file.
    const broken = rules.find((r) => /[\n\r]/.test(r) || (!r.startsWith('(') && r.includes(' ')));
    if (broken !== undefined) {
      throw new Error(
        `user "${user.name}" cannot be written to an ACL file: the rule "${broken}" holds a space or line break`,
      );
    }
    return `user ${user.name} ${rules.join(' ')}`;
  });
  return lines.map((l) => `${l}\n`).join('');
}
