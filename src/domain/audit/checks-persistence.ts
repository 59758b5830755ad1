// Persistence and forensics (issue 14, Checks > Persistence and forensics). dir/dbfilename
// pointing at cron, .ssh, a web root or a .so is a compromise sign, not a hardening gap: it
// fails Basic. The ACL log is Production's "ACL audit logging enabled" (High); slowlog is
// forensics, the "Audit" of the maturity table's Paranoid.
import {
  configEvidence,
  configSetFix,
  fail,
  hasConfigFile,
  num,
  pass,
  restartFix,
  warn,
  withConfig,
} from './finding.js';
import type { CheckDef } from './types.js';

/** Where an RDB written by an attacker runs or lets them in (security-anchors §4.1). */
const SUSPICIOUS_DIR = [
  /(^|\/)\.ssh(\/|$)/i,
  /(^|\/)(cron|cron\.d|cron\.daily|cron\.hourly|crontabs)(\/|$)/i,
  /^\/var\/spool\/cron/i,
  /^\/etc(\/|$)/i,
  /(^|\/)(www|html|htdocs|public_html|wwwroot)(\/|$)/i,
  /^\/usr\/share\/nginx/i,
  /^\/(root|boot)(\/|$)/i,
  /^\/tmp(\/|$)/i,
];
const SUSPICIOUS_FILE = [
  /\.so$/i,
  /\.(php|jsp|aspx?|sh|py|pl)$/i,
  /^authorized_keys2?$/i,
  /^(root|crontab|ntp|\.bashrc|\.profile)$/i,
];

/** Why a dir or dbfilename looks like a compromise, or undefined. */
export function suspiciousPath(dir: string, file: string): string | undefined {
  if (SUSPICIOUS_DIR.some((re) => re.test(dir))) return `dir ${dir}`;
  if (SUSPICIOUS_FILE.some((re) => re.test(file))) return `dbfilename ${file}`;
  return undefined;
}

export const PERSISTENCE_CHECKS: CheckDef[] = [
  {
    id: 'PER-001',
    title: 'ACL users persist (aclfile, or the config file)',
    area: 'persistence',
    level: 'standard',
    severity: 'medium',
    seed: 'ACL File > aclfile /etc/redis/acl-users.conf; Security Checklist > Staging > Configure ACL users',
    why: 'Staging: "Configure ACL users" means users that survive a restart',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [
          configEvidence(get, 'aclfile'),
          { command: 'INFO server', value: `config_file=${hasConfigFile(facts) ? 'set' : '(none)'}` },
        ];
        if (get('aclfile'))
          return pass(
            `users are kept in ${get('aclfile')} (unsaved changes: compare with the Users pane)`,
            ev,
          );
        if (hasConfigFile(facts))
          return warn(
            'no aclfile: users persist only through CONFIG REWRITE into the config file',
            ev,
            restartFix('Keep users in an ACL file', ['aclfile /etc/redis/acl-users.conf']),
          );
        return fail(
          'no aclfile and no config file: every ACL change is lost at restart',
          ev,
          restartFix('Start with a config file naming an ACL file', ['aclfile /etc/redis/acl-users.conf']),
        );
      }),
  },
  {
    id: 'PER-002',
    title: 'The ACL log keeps more than 128 entries (acllog-max-len)',
    area: 'persistence',
    level: 'high',
    severity: 'medium',
    seed: 'Security Checklist > Production > ACL audit logging enabled; ACL Audit Log',
    why: 'Production: "ACL audit logging enabled"; the default 128 rolls over in one brute-force burst',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'acllog-max-len')];
        const len = num(get('acllog-max-len'));
        if (len !== undefined && len > 128) return pass(`keeps ${len} entries`, ev);
        return fail(
          len === 0
            ? 'the ACL log is off'
            : `keeps ${get('acllog-max-len') ?? '?'} entries: evidence rolls over quickly`,
          ev,
          configSetFix(facts, 'acllog-max-len', '1024', 'Keep 1024 ACL log entries'),
        );
      }),
  },
  {
    id: 'PER-003',
    title: 'dir and dbfilename do not point at cron, .ssh, a web root or a .so',
    area: 'persistence',
    level: 'basic',
    severity: 'critical',
    seed: 'Security Incident Response > Investigation; Security Checklist > Development',
    why: 'a compromise sign (RDB written as a cron job, an authorized_keys or a module): it fails every level',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'dir', 'dbfilename')];
        const why = suspiciousPath(get('dir') ?? '', get('dbfilename') ?? '');
        if (!why) return pass('dir and dbfilename look ordinary', ev);
        return fail(
          `${why}: the classic way to turn a Redis write into a shell (start the incident flow)`,
          ev,
          {
            text: 'Treat it as a compromise: capture evidence (Incident pane), then point dir/dbfilename back and check the host',
            commands: ['CONFIG SET dir /var/lib/redis', 'CONFIG SET dbfilename dump.rdb'],
            conf: ['dir /var/lib/redis', 'dbfilename dump.rdb', 'enable-protected-configs no'],
          },
          [why],
        );
      }),
  },
  {
    id: 'PER-004',
    title: 'The server logs to a file or syslog',
    area: 'persistence',
    level: 'standard',
    severity: 'low',
    seed: 'Security Checklist > Production > ACL audit logging enabled',
    why: 'the seed is silent on server logs; Standard, since an incident without them cannot be traced',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'logfile', 'syslog-enabled')];
        if (get('logfile') || get('syslog-enabled')?.toLowerCase() === 'yes')
          return pass(`logs to ${get('logfile') || 'syslog'}`, ev);
        return fail(
          'logs only to stdout (lost unless a supervisor keeps it)',
          ev,
          restartFix('Log to a file', ['logfile /var/log/redis/redis-server.log']),
        );
      }),
  },
  {
    id: 'PER-005',
    title: 'The slow log is on',
    area: 'persistence',
    level: 'paranoid',
    severity: 'low',
    seed: 'Security Maturity Levels > Paranoid (All + Audit)',
    why: 'Paranoid is "All + Audit": the slow log keeps client addresses and arguments for forensics',
    check: (facts) =>
      withConfig(facts, (get) => {
        const ev = [configEvidence(get, 'slowlog-log-slower-than', 'slowlog-max-len')];
        const slower = num(get('slowlog-log-slower-than'));
        const len = num(get('slowlog-max-len'));
        if (slower !== undefined && slower >= 0 && (len ?? 0) > 0) return pass('the slow log records', ev);
        return fail(
          'the slow log records nothing',
          ev,
          configSetFix(facts, 'slowlog-log-slower-than', '10000', 'Record commands slower than 10 ms'),
        );
      }),
  },
];
