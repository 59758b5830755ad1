import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toDisplay } from '../../src/domain/display.js';
import { REDACTED, redact, redactArgs, redactDeep, safeErrorMessage } from '../../src/domain/redact.js';

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: codeUnit }),
  fc.string(),
);
const fragments = fc.constantFrom(
  'AUTH ',
  'auth user ',
  'HELLO 3 AUTH u ',
  'ACL SETUSER u on >',
  ' <',
  ' ~* +@all\n',
  'redis://u:',
  'rediss://:',
  '@host:6379',
  'requirepass ',
  'CONFIG SET masterauth ',
  ' -a ',
  '"',
  "'",
  '\n',
  "modifier '<",
  "': no such password",
  '[',
  ',',
);
const textPiece = fc.oneof(anyText, fragments);

// Sound secrets: a secret made of the marker's own characters could legitimately appear
// in the output as part of a marker, so such secrets are excluded from the property.
const secretArb = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 4, maxLength: 20 }),
    fc.string({ unit: fc.constantFrom(...'.*+?^${}()|[]\\/-'), minLength: 4, maxLength: 12 }),
    fc.string({ unit: codeUnit, minLength: 4, maxLength: 12 }),
    fc.string({ minLength: 4, maxLength: 20 }),
  )
  .filter((s) => !s.includes('‹') && !s.includes('›') && !REDACTED.includes(s));

// Text with the secret embedded anywhere, any number of times.
const withSecret = fc
  .tuple(secretArb, fc.array(fc.tuple(textPiece, fc.boolean()), { maxLength: 8 }))
  .map(([secret, parts]) => ({
    secret,
    text: secret + parts.map(([p, put]) => (put ? p + secret : p)).join(''),
  }));

describe('redact: known secrets', () => {
  it('never lets a known secret through', () => {
    fc.assert(fc.property(withSecret, ({ secret, text }) => !redact(text, [secret]).includes(secret)));
  });

  it('hides every one of several secrets, overlapping or nested', () => {
    fc.assert(
      fc.property(withSecret, secretArb, ({ secret, text }, other) => {
        const out = redact(`${text}${other}${secret.slice(1)}${other}`, [other, secret]);
        return !out.includes(secret) && !out.includes(other);
      }),
    );
    expect(redact('abcdef', ['abcd', 'cdef'])).toBe(`${REDACTED}ef`);
    expect(redact('hunter2 and hunter', ['hunter', 'hunter2'])).toBe(`${REDACTED} and ${REDACTED}`);
  });

  it('treats regex metacharacters literally', () => {
    expect(redact('pw is a.b*c and abbbc', ['a.b*c'])).toBe(`pw is ${REDACTED} and abbbc`);
    expect(redact('x $& y', ['$&'])).toBe(`x ${REDACTED} y`);
  });

  it('also hides the JSON-, URI- and display-escaped forms of a secret', () => {
    const secret = 'p"a\\ss w@rd\x1b';
    expect(redact(toDisplay(`pw=${secret}`), [secret])).toBe(`pw=${REDACTED}`);
    expect(redact(JSON.stringify({ pw: secret }), [secret])).toBe(`{"pw":"${REDACTED}"}`);
    expect(redact(`x=${encodeURIComponent(secret)}`, [secret])).toBe(`x=${REDACTED}`);
  });

  it('ignores empty secrets', () => {
    expect(redact('abc', ['', 'zz'])).toBe('abc');
  });
});

describe('redact: properties', () => {
  const pieces = fc.array(textPiece, { maxLength: 10 }).map((p) => p.join(''));

  it('is idempotent', () => {
    fc.assert(
      fc.property(pieces, fc.array(secretArb, { maxLength: 3 }), (text, secrets) => {
        const once = redact(text, secrets);
        return redact(once, secrets) === once;
      }),
    );
  });

  it('is idempotent even for secrets made of marker characters', () => {
    const weird = fc.string({ unit: fc.constantFrom(...'‹redacted› x'), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(pieces, fc.array(weird, { maxLength: 3 }), (text, secrets) => {
        const once = redact(text, secrets);
        return redact(once, secrets) === once;
      }),
    );
  });

  it('leaves text without secrets or password patterns unchanged', () => {
    const PATTERNY = /[<>@‹›]|auth|pass|hello|modifier|requirepass|masterauth|-a|--|redis|valkey/i;
    fc.assert(
      fc.property(
        anyText.filter((t) => !PATTERNY.test(t)),
        fc.array(secretArb, { maxLength: 3 }),
        (text, secrets) => {
          fc.pre(secrets.every((s) => !text.includes(s)));
          return redact(text, secrets) === text;
        },
      ),
    );
  });
});

describe('redact: pattern rules', () => {
  const R = REDACTED;
  it.each([
    ['ACL SETUSER u on >secret ~* +@all', `ACL SETUSER u on >${R} ~* +@all`],
    ['ACL SETUSER u on ">my secret" ~*', `ACL SETUSER u on ">${R}" ~*`],
    ["ACL SETUSER u '<old pw' off", `ACL SETUSER u '<${R}' off`],
    ['["SETUSER","u",">pw","~*"]', `["SETUSER","u",">${R}","~*"]`],
    ['user alice on #4f2a ~* +@all', 'user alice on #4f2a ~* +@all'],
    ['AUTH user pass', `AUTH user ${R}`],
    ['AUTH pass', `AUTH ${R}`],
    ['auth pass extra words', `auth ${R} ${R} words`],
    ['HELLO 3 AUTH user pass SETNAME x', `HELLO 3 AUTH user ${R} SETNAME x`],
    ['HELLO 3 AUTH lonely', `HELLO 3 AUTH ${R}`],
    ['MIGRATE h 6379 "" 0 5000 AUTH2 u pw KEYS a', `MIGRATE h 6379 "" 0 5000 AUTH2 u ${R} KEYS a`],
    ['redis://user:PASS@host:6379/0', `redis://user:${R}@host:6379/0`],
    ['rediss://:p@ss@host', `rediss://:${R}@host`],
    ['redis://PASS@host', `redis://${R}@host`],
    ['redis://host:6379/0', 'redis://host:6379/0'],
    ['requirepass foobared', `requirepass ${R}`],
    ['  masterauth "a b c"', `  masterauth "${R}"`],
    ['CONFIG SET maxmemory 1mb requirepass X', `CONFIG SET maxmemory 1mb requirepass ${R}`],
    ['config set masterauth X', `config set masterauth ${R}`],
    ['CONFIG SET masteruser replica', 'CONFIG SET masteruser replica'],
    ['redis-server --requirepass s3cr3t --port 7000', `redis-server --requirepass ${R} --port 7000`],
    ['redis-cli -h h -a pw --no-auth-warning', `redis-cli -h h -a ${R} --no-auth-warning`],
    ['redis-cli --user u --pass pw', `redis-cli --user u --pass ${R}`],
    ['REDISCLI_AUTH=abc redis-cli', `REDISCLI_AUTH=${R} redis-cli`],
    ['{"password":"x y","requirepass": "z"}', `{"password":"${R}","requirepass": "${R}"}`],
    [
      "ERR Error in ACL SETUSER modifier '<sec ret': no such password",
      `ERR Error in ACL SETUSER modifier '<${R}': no such password`,
    ],
    // A hash of a password is as secret as the password: Redis echoes the one it refused.
    [
      `ERR Error in ACL SETUSER modifier '!${'b'.repeat(64)}': The password you are trying to remove from the user does not exist`,
      `ERR Error in ACL SETUSER modifier '!${R}': The password you are trying to remove from the user does not exist`,
    ],
    [
      `ERR Error in ACL SETUSER modifier '#${'c'.repeat(63)}': bad`,
      `ERR Error in ACL SETUSER modifier '#${R}': bad`,
    ],
    [`ACL SETUSER u on #${'d'.repeat(64)} !${'E'.repeat(64)} ~*`, `ACL SETUSER u on #${R} !${R} ~*`],
    [`["SETUSER","u","#${'0'.repeat(64)}"]`, `["SETUSER","u","#${R}"]`],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
    expect(redact(expected)).toBe(expected);
  });

  it.each([
    'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
    'WRONGPASS invalid username-password pair or user is disabled.',
    'NOAUTH Authentication required.',
    'requirepass is not set on 3 nodes',
    'reason=auth object=AUTH username=bob',
    'latency > 100 ms',
  ])('keeps the operator-facing text %s', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('redactArgs', () => {
  const hash = 'a'.repeat(64);
  it('masks passwords by position', () => {
    expect(redactArgs('auth', ['pw'])).toEqual([REDACTED]);
    expect(redactArgs('AUTH', ['user', Buffer.from('pw')])).toEqual(['user', REDACTED]);
    expect(redactArgs('hello', ['3', 'AUTH', 'u', 'p', 'SETNAME', 'n'])).toEqual([
      '3',
      'AUTH',
      'u',
      REDACTED,
      'SETNAME',
      'n',
    ]);
    expect(redactArgs('acl', ['SETUSER', 'u', 'on', '>pw', '<old', `#${hash}`, '~*'])).toEqual([
      'SETUSER',
      'u',
      'on',
      `>${REDACTED}`,
      `<${REDACTED}`,
      `#${REDACTED}`,
      '~*',
    ]);
    expect(redactArgs('ACL SETUSER', ['u', `#${hash}`, `!${hash}`])).toEqual([
      'u',
      `#${REDACTED}`,
      `!${REDACTED}`,
    ]);
    expect(redactArgs('acl|setuser', ['u', '>pw'])).toEqual(['u', `>${REDACTED}`]);
    expect(redactArgs('config', ['SET', 'requirepass', 'x', 'masteruser', 'mu', 'masterauth', 'y'])).toEqual([
      'SET',
      'requirepass',
      REDACTED,
      'masteruser',
      'mu',
      'masterauth',
      REDACTED,
    ]);
    expect(redactArgs('migrate', ['h', '1', 'AUTH', '0', '5', 'AUTH', 'pw', 'KEYS', 'AUTH', 'x'])).toEqual([
      'h',
      '1',
      'AUTH',
      '0',
      '5',
      'AUTH',
      REDACTED,
      'KEYS',
      'AUTH',
      'x',
    ]);
    expect(redactArgs('migrate', ['h', '1', '', '0', '5', 'AUTH2', 'u', 'pw'])).toEqual([
      'h',
      '1',
      '',
      '0',
      '5',
      'AUTH2',
      'u',
      REDACTED,
    ]);
    expect(redactArgs('ACL', ['DRYRUN', 'u', 'auth', 'pw'])).toEqual(['DRYRUN', 'u', 'auth', REDACTED]);
  });

  it('leaves other commands alone except for known secrets', () => {
    expect(redactArgs('set', ['k', 'v'])).toEqual(['k', 'v']);
    expect(redactArgs('set', ['k', 'has hunter2 inside'], { secrets: ['hunter2'] })).toEqual([
      'k',
      `has ${REDACTED} inside`,
    ]);
  });
});

describe('redactDeep', () => {
  it('redacts every string in a deep copy, keeping cycles and the input intact', () => {
    const input: Record<string, unknown> = {
      cmd: 'AUTH user pw',
      nested: { list: ['x', 'hunter2', 3, null, true] },
      when: new Date(0),
      map: new Map([['k', 'hunter2']]),
    };
    input.self = input;
    const out = redactDeep(input, ['hunter2']);
    expect(out).not.toBe(input);
    expect(out.cmd).toBe(`AUTH user ${REDACTED}`);
    expect(out.nested).toEqual({ list: ['x', REDACTED, 3, null, true] });
    expect(out.when).toEqual(new Date(0));
    expect((out.map as Map<string, string>).get('k')).toBe(REDACTED);
    expect(out.self).toBe(out);
    expect(input.cmd).toBe('AUTH user pw');
  });

  it('keeps a __proto__ key as data', () => {
    const input = JSON.parse('{"__proto__": {"x": "hunter2"}}') as object;
    const out = redactDeep(input, ['hunter2']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe(`{"__proto__":{"x":"${REDACTED}"}}`);
  });

  it('never leaks a secret anywhere in a JSON value', () => {
    fc.assert(
      fc.property(withSecret, fc.jsonValue(), ({ secret, text }, json) => {
        const out = redactDeep({ json, text, list: [text, { text }] }, [secret]);
        return !JSON.stringify(out).includes(JSON.stringify(secret).slice(1, -1));
      }),
    );
  });
});

describe('safeErrorMessage', () => {
  const ioredisLike = (message: string, name: string, args: unknown[]): Error =>
    Object.assign(new Error(message), { command: { name, args } });

  it('drops the command args ioredis attaches and the stack', () => {
    const err = ioredisLike('WRONGPASS invalid username-password pair or user is disabled.', 'auth', [
      'user',
      'pw',
    ]);
    const msg = safeErrorMessage(err);
    expect(msg).toBe('WRONGPASS invalid username-password pair or user is disabled.');
    expect(msg).not.toContain('at ');
  });

  it('redacts a password Redis echoes, known from the command args', () => {
    const err = ioredisLike("ERR Error in ACL SETUSER modifier '<hunter2': no such password", 'acl', [
      'SETUSER',
      'u',
      '<hunter2',
    ]);
    expect(safeErrorMessage(err)).not.toContain('hunter2');
    const echo = ioredisLike('ERR weird reply mentioning s3cr3t', 'auth', ['user', 's3cr3t']);
    expect(safeErrorMessage(echo)).toBe(`ERR weird reply mentioning ${REDACTED}`);
    expect(safeErrorMessage(new Error('bad hunter2'), ['hunter2'])).toBe(`bad ${REDACTED}`);
  });

  it('redacts a hash Redis echoes, keeping the rule sigil', () => {
    const hash = 'f'.repeat(64);
    const err = ioredisLike(`ERR Error in ACL SETUSER modifier '!${hash}': no such password`, 'acl', [
      'SETUSER',
      'u',
      `!${hash}`,
    ]);
    expect(safeErrorMessage(err)).toBe(`ERR Error in ACL SETUSER modifier '!${REDACTED}': no such password`);
  });

  it('explains AggregateErrors from multi-address connects', () => {
    const err = new AggregateError(
      [new Error('connect ECONNREFUSED ::1:6380'), new Error('connect ECONNREFUSED 127.0.0.1:6380')],
      '',
    );
    expect(safeErrorMessage(err)).toBe('connect ECONNREFUSED ::1:6380; connect ECONNREFUSED 127.0.0.1:6380');
  });

  it('never throws on weird inputs', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
      },
    );
    const weird = [
      null,
      undefined,
      42,
      Symbol('s'),
      10n,
      circular,
      hostile,
      () => 'src',
      Object.create(null),
      'AUTH pw',
    ];
    for (const value of weird) {
      const msg = safeErrorMessage(value);
      expect(typeof msg).toBe('string');
      expect(msg.length).toBeGreaterThan(0);
    }
    expect(safeErrorMessage('AUTH pw')).toBe(`AUTH ${REDACTED}`);
    expect(safeErrorMessage(null)).toBe('unknown error');
  });
});
