// The ACL rule grammar: parse what an operator typed or a server printed, check it against
// the server's commands, and write it back as SETUSER arguments or ACL-file words.
export { parseRules, parseRuleArgs } from './rules-parse.js';
export { ruleToText, rulesToArgs, sha256Hex } from './rules-text.js';
export type { RulesToArgsOptions } from './rules-text.js';
export { validateAgainstServer } from './rules-validate.js';
export { userFromListLine, userToRules } from './rules-user.js';
export { MAX_PASSWORD_BYTES } from './rules-messages.js';
