// Starting points for a new user: the security guide's four users plus the two users the
// console itself should run as (STACK.md, checked on Redis 7.0.15). No template carries a
// password: `needsPassword` asks the UI to generate one and send it only as its #sha256.
import { AUDITOR_RULE } from '../audit/auditor-grants.js';

export interface AclTemplate {
  id: string;
  title: string;
  description: string;
  defaultName: string;
  rules: string;
  needsPassword: boolean;
}

const MONITOR_RULES =
  'on resetkeys resetchannels -@all +ping +info +acl|whoami +acl|log +acl|users +acl|cat ' +
  '+client|list +client|info +client|id +config|get +slowlog|get +latency|latest';

export const ACL_TEMPLATES: readonly AclTemplate[] = [
  {
    id: 'app',
    title: 'Application user',
    description:
      'Reads and writes keys under app:* with the read and write commands, minus the dangerous ones (KEYS, FLUSHALL, FLUSHDB, MIGRATE, RESTORE, SORT...) and minus the function library (FUNCTION LOAD/DELETE/FLUSH/RESTORE are write commands too). No scripts, no Pub/Sub channels.',
    defaultName: 'app_user',
    // The seed's `+@read +@write -@dangerous` still allows FUNCTION FLUSH/DELETE/LOAD/RESTORE
    // (@write @scripting, not @dangerous): -@scripting takes them away.
    rules: 'on ~app:* resetchannels +@read +@write -@dangerous -@scripting',
    needsPassword: true,
  },
  {
    id: 'readonly',
    title: 'Read-only user',
    description:
      'Reads every key with the read commands, minus the dangerous ones (KEYS, SORT_RO); cannot write and cannot run admin commands. No Pub/Sub channels.',
    defaultName: 'readonly_user',
    // KEYS is @read @dangerous, not @admin: the seed's rules would let it block the server.
    rules: 'on ~* resetchannels +@read -@write -@admin -@dangerous',
    needsPassword: true,
  },
  {
    id: 'admin',
    title: 'Administrator',
    description:
      'Every command on every key and channel, including ACL SETUSER, CONFIG SET and FLUSHALL. Keep this for people, not applications.',
    defaultName: 'admin_user',
    rules: 'on ~* &* +@all',
    needsPassword: true,
  },
  {
    id: 'replication',
    title: 'Replication user',
    description:
      'What a replica needs to sync from its primary (PSYNC, REPLCONF, PING); set masteruser/masterauth on the replica to this user.',
    defaultName: 'replication',
    // resetchannels: on a server with acl-pubsub-default allchannels a new user starts with &*.
    rules: 'on resetchannels +psync +replconf +ping',
    needsPassword: true,
  },
  {
    id: 'warden-monitor',
    title: 'redis-warden monitor (read-only console)',
    description:
      'The least privilege redis-warden needs to watch a server: no keys, no channels, only PING, INFO, ACL WHOAMI/LOG/USERS/CAT, CLIENT LIST/INFO/ID, CONFIG GET, SLOWLOG GET and LATENCY LATEST. ' +
      'Note +acl|log also allows ACL LOG RESET. On a cluster also grant +cluster|slots +cluster|info +cluster|nodes +cluster|shards.',
    defaultName: 'warden_monitor',
    rules: MONITOR_RULES,
    needsPassword: true,
  },
  {
    id: 'warden-admin',
    title: 'redis-warden admin console',
    description:
      'The monitor grants plus ACL management, CLIENT KILL and CONFIG SET/REWRITE. ' +
      'acl|setuser is equivalent to full admin: this user can grant itself anything, so protect it as an administrator.',
    defaultName: 'warden_admin',
    rules: `${MONITOR_RULES} +acl +client|kill +config|set +config|rewrite`,
    needsPassword: true,
  },
  {
    id: 'warden-auditor',
    title: 'redis-warden auditor (the audit only)',
    description:
      'Exactly what the audit reads (redis-warden audit, the Audit pane): PING, ACL WHOAMI, INFO, CONFIG GET, ACL LIST, ACL DRYRUN, MODULE LIST and CLUSTER NODES. No keys, no channels, no writes. ' +
      'ACL LIST shows the password hashes (the weak-password check matches them offline) and CONFIG GET every setting: protect it like the monitor.',
    defaultName: 'warden_auditor',
    rules: AUDITOR_RULE,
    needsPassword: true,
  },
];
