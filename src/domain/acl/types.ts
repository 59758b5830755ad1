// The ACL model every part of the Users pane and `redis-warden acl ...` shares. Pure data:
// src/redis/acl.ts fills it from the server, src/domain/acl/* reasons about it.

/** A selector: `(~keys &channels +commands)`, Redis 7+. */
export interface AclSelector {
  /** Key patterns as Redis prints them: `~app:*`, `%R~ro:*`, `%W~w:*`. */
  keys: string[];
  /** Channel patterns as Redis prints them: `&chan:*`. */
  channels: string[];
  /** The command rules as the server describes them, e.g. `-@all +@read -keys +config|get`. */
  commands: string;
}

/** One ACL user as the server holds it (ACL GETUSER, or an `ACL LIST` line). */
export interface AclUser {
  name: string;
  /** `on` in flags. */
  enabled: boolean;
  /** `nopass` in flags: any password (or none) authenticates. */
  nopass: boolean;
  /** Every flag as Redis reports it (on/off, nopass, sanitize-payload, skip-sanitize-payload, ...). */
  flags: string[];
  /** SHA-256 hex of each password. Never shown unless the operator asks. */
  passwords: string[];
  /** The root selector. */
  keys: string[];
  channels: string[];
  commands: string;
  selectors: AclSelector[];
}

/** The kinds of rule in the ACL SETUSER grammar. */
export type AclRule =
  | {
      kind:
        | 'on'
        | 'off'
        | 'nopass'
        | 'resetpass'
        | 'allkeys'
        | 'resetkeys'
        | 'allchannels'
        | 'resetchannels'
        | 'allcommands'
        | 'nocommands'
        | 'reset'
        | 'clearselectors'
        | 'sanitize-payload'
        | 'skip-sanitize-payload';
    }
  /** `>pw` (add) / `<pw` (remove): plaintext, a secret. */
  | { kind: 'password'; op: 'add' | 'remove'; secret: string }
  /** `#hash` (add) / `!hash` (remove): 64 lowercase hex. */
  | { kind: 'hash'; op: 'add' | 'remove'; hash: string }
  /**
   * `~p` (RW), `%R~p`, `%W~p`, `%RW~p`. `flagless`: `%RW~*`, the pattern `*` added like any
   * other, which (unlike `~*`, Redis's allkeys flag) other patterns may follow.
   */
  | { kind: 'key'; access: 'R' | 'W' | 'RW'; pattern: string; flagless?: true }
  /** `&p`. */
  | { kind: 'channel'; pattern: string }
  /**
   * `+name` / `-name`: a command (`get`), a subcommand or first argument (`config|get`,
   * `select|0`), or with `category` a category (`+@read`, name without the `@`).
   */
  | { kind: 'command'; allow: boolean; category: boolean; name: string }
  /** `(...)`: the rules of a selector (only key, channel and command rules are valid inside). */
  | { kind: 'selector'; rules: AclRuleToken[] };

/** A rule with where it came from, so errors and diffs point at the exact token. */
export interface AclRuleToken {
  rule: AclRule;
  /** The token as written (for passwords, as written too: redact before display). */
  text: string;
  /** Offset of the token in the parsed text (0-based, UTF-16 units). */
  start: number;
  end: number;
}

/** A rule that could not be understood, located at its token. */
export interface AclRuleError {
  text: string;
  start: number;
  end: number;
  /** What is wrong and how to write it instead, e.g. "a #hash is 64 lowercase hex digits". */
  message: string;
}

export interface ParsedRules {
  tokens: AclRuleToken[];
  /** What Redis would refuse. */
  errors: AclRuleError[];
  /** What Redis accepts but is most likely not meant (`>` alone, `%R`, a dropped selector). */
  warnings: AclRuleError[];
  /**
   * What Redis 7.0 accepts and 7.2+ (Valkey too) refuses: a selector that a later `(` started
   * again. 7.0 drops the first (a warning above); newer servers keep the `(` inside it and
   * refuse the line (seen on 7.4.1 and Valkey 8.0.1). Errors for a server of 7.2 or newer.
   */
  refusedSince72: AclRuleError[];
}

/**
 * What the server knows: its categories and the commands in each (from `ACL CAT` and
 * `ACL CAT <category>`). Commands are leaves: `get`, `config|get` (Redis 7 lists
 * subcommands as `parent|sub`).
 */
export interface CommandUniverse {
  categories: Map<string, Set<string>>;
  /** Every leaf command of every category. */
  commands: Set<string>;
}

/** What a set of command rules lets a user run. */
export interface EffectiveCommands {
  /** `+@all` (or `allcommands`) is in force: commands added to Redis later are allowed too. */
  future: boolean;
  /** Allowed leaf commands (and first-argument rules like `select|0`). */
  allowed: Set<string>;
}
