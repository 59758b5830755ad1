// The whole catalogue: every check (data, by area) and what must be verified by hand (a
// firewall, backup encryption: nothing inside Redis shows them; listed, never counted).
//
// Where the seed conflicts with itself, and what was picked:
// - "Enable TLS" is a Staging box, but the maturity table puts TLS at High ("ACL + TLS +
//   Network"; Standard is "ACL + Network"): the table wins, TLS checks are High.
// - "Rename/disable admin commands" is a Production box, but the seed calls ACLs "Preferred"
//   over rename-command: restriction by ACL is Standard (Staging's "Disable dangerous
//   commands"), and a rename is only a warn (CMD-003).
// - The seed names no limits and no replication settings: limits sit at Paranoid ("All"),
//   replication at Standard (access and network).
import { ACCESS_CHECKS } from './checks-access.js';
import { COMMAND_CHECKS } from './checks-commands.js';
import { LIMIT_CHECKS } from './checks-limits.js';
import { NETWORK_CHECKS } from './checks-network.js';
import { PERSISTENCE_CHECKS } from './checks-persistence.js';
import { REPLICATION_CHECKS } from './checks-replication.js';
import { SOFTWARE_CHECKS } from './checks-software.js';
import { TLS_CHECKS } from './checks-tls.js';
import type { CheckDef, ManualItem } from './types.js';

export const CHECKS: readonly CheckDef[] = [
  ...ACCESS_CHECKS,
  ...NETWORK_CHECKS,
  ...COMMAND_CHECKS,
  ...TLS_CHECKS,
  ...PERSISTENCE_CHECKS,
  ...LIMIT_CHECKS,
  ...SOFTWARE_CHECKS,
  ...REPLICATION_CHECKS,
];

export const checkById = (id: string): CheckDef | undefined => CHECKS.find((c) => c.id === id);

export const MANUAL: readonly ManualItem[] = [
  {
    id: 'MAN-001',
    level: 'standard',
    title: 'Only the application hosts reach the port',
    how: 'Firewall / security group / NetworkPolicy rules allow the Redis port (and the cluster bus, port+10000) from the app hosts only',
    seed: 'Security Checklist > Staging > Restrict network access; Network Security > Firewall Rules',
  },
  {
    id: 'MAN-002',
    level: 'high',
    title: 'A firewall or NetworkPolicy is in place',
    how: 'iptables/ufw, a security group or a Kubernetes NetworkPolicy drops everything else to the port (e.g. `iptables -A INPUT -p tcp --dport 6379 -j DROP` after the allows)',
    seed: 'Security Checklist > Production > Firewall/NetworkPolicy',
  },
  {
    id: 'MAN-003',
    level: 'high',
    title: 'No public internet exposure',
    how: 'From outside the network, the port does not answer (scan the public addresses); no public IP on the host or its load balancer',
    seed: 'Security Checklist > Production > No public internet exposure',
  },
  {
    id: 'MAN-004',
    level: 'high',
    title: 'Backups are encrypted',
    how: 'RDB/AOF copies are encrypted at rest and in transit, and their keys are not kept beside them',
    seed: 'Security Checklist > Production > Backup encryption',
  },
  {
    id: 'MAN-005',
    level: 'high',
    title: 'Who can log in to the host is known; files are private',
    how: 'Redis runs as an unprivileged user; redis.conf, the ACL file and *.key are mode 600 (`chmod 600 *.key`), owned by it; host logins are listed and reviewed',
    seed: 'TLS Configuration > Generate Certificates > Set permissions',
  },
  {
    id: 'MAN-006',
    level: 'paranoid',
    title: 'A WAF or proxy filters commands in front of Redis',
    how: 'Clients reach Redis only through a proxy or gateway that logs and filters commands',
    seed: 'Security Maturity Levels > Paranoid (All + Audit + WAF)',
  },
  {
    id: 'MAN-007',
    level: 'paranoid',
    title: 'Disks are encrypted',
    how: 'The volumes holding dir (RDB/AOF) and swap are encrypted',
    seed: 'Security Maturity Levels > Paranoid',
  },
  {
    id: 'MAN-008',
    level: 'paranoid',
    title: 'Audit records leave the host',
    how: 'The ACL LOG (captured by the journal), the server log and the journal are shipped to a store the Redis host cannot alter',
    seed: 'Security Maturity Levels > Paranoid (All + Audit)',
  },
];
