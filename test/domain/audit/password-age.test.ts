import { describe, expect, it } from 'vitest';
import { passwordChanges } from '../../../src/domain/audit/password-age.js';

const entry = (ts: string, args: string[], nodes = ['n1'], outcome = 'ok') => ({ ts, args, nodes, outcome });

describe('passwordChanges', () => {
  it('dates a user by its newest ACL SETUSER that gave a password, per node', () => {
    const m = passwordChanges([
      entry('2026-01-01T00:00:00Z', ['ACL', 'SETUSER', 'app', '>‹redacted›']),
      entry('2026-03-01T00:00:00Z', ['ACL', 'SETUSER', 'app', '#‹redacted›'], ['n1', 'n2']),
      entry('2026-04-01T00:00:00Z', ['ACL', 'SETUSER', 'app', '!‹redacted›']),
      entry('2026-05-01T00:00:00Z', ['ACL', 'SETUSER', 'app', '+get']),
      entry('2026-06-01T00:00:00Z', ['ACL', 'SETUSER', 'app', '>‹redacted›'], ['n1'], 'error'),
      entry('2026-02-01T00:00:00Z', ['ACL', 'SETUSER', 'u\\xffx', '>‹redacted›']),
      entry('2026-02-01T00:00:00Z', ['CONFIG', 'SET', 'x', '>y']),
    ]);
    expect(m.get('n1')).toEqual({ app: '2026-03-01T00:00:00Z', 'u\udcffx': '2026-02-01T00:00:00Z' });
    expect(m.get('n2')).toEqual({ app: '2026-03-01T00:00:00Z' });
  });
});
