// The Clients filter an incident's suspects open (Investigate, `c`): one anchored regex term of
// every user and address the incident names, metacharacters escaped, names as the screen shows
// them; the Clients filter takes `/.../` as a regex term (its own bad regex said as an error).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClientFilter } from '../../../src/domain/clients/filter.js';
import { newIncident } from '../../../src/domain/incident/model.js';
import type { Incident } from '../../../src/domain/incident/types.js';
import { suspectFilter, suspectNames } from '../../../src/domain/incident/suspect-filter.js';
import { client } from '../clients/fixture.js';

const target = { address: '127.0.0.1:7000', nodes: ['127.0.0.1:7000'] };
function incident(users: string[], addresses: string[], more: Partial<Incident> = {}): Incident {
  return {
    ...newIncident('2026-12-06-1', 't', target, '2026-12-06T00:00:00Z'),
    suspects: { users, addresses },
    ...more,
  };
}
const matcher = (inc: Incident) => {
  const f = parseClientFilter(suspectFilter(inc) ?? '');
  if (!f.ok) throw new Error(f.error);
  return f.test;
};

describe('suspectFilter', () => {
  it('matches the suspects and the users and clients the findings name, whole fields only', () => {
    const inc = incident(['app'], ['10.0.0.5:5000'], {
      findings: [
        {
          kind: 'users.all-commands',
          severity: 'high',
          title: 'x',
          evidence: [],
          suggests: [
            { id: 'acl.setuser', params: { change: 'block', user: 'back.door' } },
            { id: 'client.kill', params: { clients: [{ node: 'n', id: '4', addr: '10.0.0.9:1' }] } },
          ],
        },
      ],
    });
    expect(suspectNames(inc)).toEqual({
      users: ['app', 'back.door'],
      addresses: ['10.0.0.5:5000', '10.0.0.9:1'],
    });
    const m = matcher(inc);
    expect(m(client({ user: 'app' }))).toBe(true);
    expect(m(client({ user: 'back.door' }))).toBe(true);
    expect(m(client({ user: 'ops', addr: '10.0.0.9:1' }))).toBe(true);
    // `.` is a dot, not any character, and a longer name is another user.
    expect(m(client({ user: 'backxdoor', addr: '1.1.1.1:1' }))).toBe(false);
    expect(m(client({ user: 'app2', addr: '10.0.0.5:50001' }))).toBe(false);
  });

  it('is undefined when the incident names nobody', () => {
    expect(suspectFilter(incident([], []))).toBeUndefined();
  });

  it('matches any user name exactly, whatever its bytes (metacharacters, spaces, control characters)', () => {
    const name = fc.string({
      unit: fc.constantFrom('a', '.', '*', '(', '|', '\\', ' ', '\x1b', '/', '$', '\udcff'),
      minLength: 1,
    });
    fc.assert(
      fc.property(name, name, (user, other) => {
        const m = matcher(incident([user], []));
        expect(m(client({ user, addr: '9.9.9.9:9', id: '1', name: '', cmd: 'x', node: 'n' }))).toBe(true);
        if (other !== user)
          expect(m(client({ user: other, addr: '9.9.9.9:9', id: '1', name: '', cmd: 'x', node: 'n' }))).toBe(
            false,
          );
      }),
    );
  });
});

describe('the Clients filter: a /regex/ term', () => {
  it('matches any alternative and says when the regex is bad', () => {
    const f = parseClientFilter('/^(app|ops)$/');
    expect(f.ok && f.test(client({ user: 'ops' }))).toBe(true);
    expect(parseClientFilter('/(/')).toMatchObject({ ok: false, at: 0 });
  });
});
