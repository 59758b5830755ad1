// Remediation's pure parts: who to rotate, and the exact firewall and TLS lines for the
// target's ports (never an allow-all when no network is known).
import { describe, expect, it } from 'vitest';
import { newIncident } from '../../../src/domain/incident/model.js';
import {
  affectedUsers,
  firewallLines,
  rotationOps,
  tlsLines,
} from '../../../src/domain/incident/remediation.js';

const AT = '2026-12-06T03:04:05.000Z';

describe('remediation', () => {
  it('rotates the suspects and every user a finding suggests blocking, once each', () => {
    const inc = {
      ...newIncident('2026-12-06-1', 't', { address: 'h:1', nodes: ['h:1'] }, AT),
      suspects: { users: ['alice'], addresses: ['10.0.0.9:5000'] },
      findings: [
        {
          kind: 'users.new',
          severity: 'high' as const,
          title: 'x',
          evidence: [],
          suggests: [
            { id: 'acl.setuser', params: { change: 'block', user: 'backdoor' } },
            { id: 'acl.setuser', params: { change: 'block', user: 'alice' } },
            { id: 'client.kill', params: { clients: [] } },
          ],
        },
      ],
    };
    expect(affectedUsers(inc)).toEqual(['alice', 'backdoor']);
    expect(rotationOps('bob')).toEqual([
      { id: 'acl.setuser', params: { change: 'add-password', user: 'bob', password: 'generate' } },
      { id: 'acl.setuser', params: { change: 'drop-passwords', user: 'bob', which: 'old' } },
    ]);
  });

  it('allows the known networks on each port and drops the rest', () => {
    const lines = firewallLines(['10.0.0.1:6380', '10.0.0.2:6380', '10.0.0.3:6381'], ['10.1.0.0/16']);
    expect(lines).toContain('ufw allow from 10.1.0.0/16 to any port 6380 proto tcp');
    expect(lines).toContain('iptables -A INPUT -p tcp -s 10.1.0.0/16 --dport 6381 -j ACCEPT');
    expect(lines).toContain('iptables -A INPUT -p tcp --dport 6380 -j DROP');
    expect(lines.filter((l) => l.includes('--dport 6380 -j DROP'))).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/0\.0\.0\.0\/0/);
  });

  it('without a known network names a placeholder and says so', () => {
    const lines = firewallLines(['127.0.0.1:7000'], []);
    expect(lines[0]).toMatch(/no network is marked known/);
    expect(lines).toContain('ufw allow from <your-app-network/CIDR> to any port 7000 proto tcp');
    expect(firewallLines(['unix:/run/redis.sock'], [])).toEqual([
      '# the target is a Unix socket: no firewall rule applies',
    ]);
  });

  it('TLS lines close the plain port and open tls-port on the same number', () => {
    const lines = tlsLines(['h:7000', 'h:7001'], false);
    expect(lines).toEqual(
      expect.arrayContaining(['port 0', 'tls-port 7000', 'tls-port 7001', 'tls-cluster yes']),
    );
    expect(tlsLines(['h:7000'], false)).not.toContain('tls-cluster yes');
    expect(tlsLines(['h:7000'], true)).toContain('redis-warden certs check');
  });
});
