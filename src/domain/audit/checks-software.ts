// Software (issue 14, Checks > Software): the version against the CVE table, end-of-life lines
// and modules. "Regular security updates" is a Production box, so CVEs and EOL count from
// High; a critical CVE reachable without authentication fails Basic (SW-001). The Lua CVEs
// are mitigated (a warn, not a failure) when no enabled user can run Lua.
import {
  compareVersions,
  judgeAll,
  judgeCve,
  lifecycleOf,
  lineOf,
  linesFor,
  parseVersion,
  serverIdentity,
} from './cve.js';
import type { CveVerdict, ServerIdentity } from './cve.js';
import { fail, pass, unknown, unread, warn } from './finding.js';
import { canScript, enabledUsers } from './users.js';
import type { AuditContext, CheckDef, CveLines, Evidence, Finding, Fix, NodeFacts } from './types.js';

const UPDATES = 'Security Checklist > Production > Regular security updates';

interface Judged {
  id: ServerIdentity;
  lines: CveLines;
  evidence: Evidence[];
}

/** Runs `judge` with the server's identity and its table, or says why it cannot be judged. */
function withVersion(facts: NodeFacts, ctx: AuditContext, judge: (j: Judged) => Finding): Finding {
  if (!facts.info.ok) return unread('INFO server', facts.info);
  const id = serverIdentity(facts.info.value.server);
  if (!id) return unknown('INFO server has no version');
  const evidence = [{ command: 'INFO server', value: id.evidence }];
  const lines = linesFor(ctx.cves, id.product);
  // Not knowable from the shipped data: a warn that says so, never a block.
  if (!lines)
    return warn(
      `${id.product === 'valkey' ? 'Valkey' : 'this server'} ${id.version} is not judged: the CVE table (${ctx.cves.date}) has no data for it; check its own advisories`,
      evidence,
    );
  return judge({ id, lines, evidence });
}

/** No enabled user can run Lua (from ACL DRYRUN, or the rules where DRYRUN was not asked). */
function luaBlocked(facts: NodeFacts): boolean | undefined {
  if (!facts.users.ok) return undefined;
  return !enabledUsers(facts.users.value).some((u) => canScript(facts, u));
}

const describe = (v: CveVerdict) =>
  `${v.cve.id} (${v.cve.severity}${v.cve.cvss !== undefined ? ` ${v.cve.cvss}` : ''}; fixed in ${v.upgradeTo ?? 'no release of this line'})`;

/**
 * The lowest release that fixes every one of them: a version some entry names as fixed, on
 * this line or a newer one, against which none of them is still vulnerable.
 */
export function lowestFixing(version: string, open: readonly CveVerdict[]): string | undefined {
  const line = lineOf(version);
  const candidates = open
    .flatMap((v) => Object.entries(v.cve.fixed))
    .filter(([l, f]) => compareVersions(l, line) >= 0 && typeof f === 'string' && parseVersion(f))
    .map(([, f]) => f as string)
    .sort(compareVersions);
  return candidates.find(
    (c) => compareVersions(c, version) > 0 && open.every((v) => judgeCve(v.cve, c).state !== 'vulnerable'),
  );
}

function upgradeFix(id: ServerIdentity, open: readonly CveVerdict[]): Fix {
  const target = lowestFixing(id.version, open);
  const mitigations = [...new Set(open.map((v) => v.cve.mitigation?.text).filter((t): t is string => !!t))];
  const to = target
    ? ` to ${target} or later${lineOf(target) !== lineOf(id.version) ? ` (the ${lineOf(id.version)} line has no fix for all of them)` : ''}`
    : ' to a newer line (no listed release fixes all of them)';
  return {
    text: `Upgrade ${id.product} ${id.version}${to}${mitigations.length ? `; until then: ${mitigations.join('; ')}` : ''}`,
    restart: true,
  };
}

/** The table's open CVEs of the given severities, split into mitigated by ACL and not. */
function openCves(facts: NodeFacts, j: Judged, severities: readonly string[]) {
  const open = judgeAll(j.lines, j.id.version).filter(
    (v) => v.state === 'vulnerable' && severities.includes(v.cve.severity),
  );
  const blocked = luaBlocked(facts);
  const mitigated = open.filter((v) => v.cve.scripting && blocked === true);
  const unmitigated = open.filter((v) => !mitigated.includes(v));
  return { open, mitigated, unmitigated, blocked };
}

export const SOFTWARE_CHECKS: CheckDef[] = [
  {
    id: 'SW-001',
    title: 'No critical CVE reachable without authentication',
    area: 'software',
    level: 'basic',
    severity: 'critical',
    seed: `${UPDATES}; Security Maturity Levels > Basic`,
    why: 'issue 14: a critical CVE reachable without authentication fails Basic (the rest of the CVEs count from High)',
    check: (facts, ctx) =>
      withVersion(facts, ctx, (j) => {
        const { unmitigated } = openCves(facts, j, ['critical']);
        const probe = facts.unauthenticated;
        const nodeOpen = probe.ok && probe.value === 'open';
        const reachable = unmitigated.filter((v) => v.cve.unauthenticated || nodeOpen);
        if (reachable.length > 0)
          return fail(
            `${reachable.map(describe).join(', ')}: reachable without a password${nodeOpen ? ' (this node answers without AUTH)' : ''}`,
            j.evidence,
            upgradeFix(j.id, reachable),
            reachable.map((v) => v.cve.id),
          );
        const needAuth = unmitigated.filter((v) => !v.cve.unauthenticated);
        if (needAuth.length > 0 && !probe.ok)
          return unknown(
            `${needAuth.map((v) => v.cve.id).join(', ')} need a login; whether this node asks for one is unknown (${probe.error})`,
          );
        return pass('no critical CVE of this version is reachable without a password', j.evidence);
      }),
  },
  {
    id: 'SW-002',
    title: 'No critical or high CVE open in this version (or mitigated by ACL)',
    area: 'software',
    level: 'high',
    severity: 'high',
    seed: UPDATES,
    why: 'Production: "Regular security updates"',
    check: (facts, ctx) =>
      withVersion(facts, ctx, (j) => {
        const { mitigated, unmitigated, blocked } = openCves(facts, j, ['critical', 'high']);
        const evidence = [
          ...j.evidence,
          { command: 'CVE table', value: `${ctx.cves.date}, ${j.lines.cves.length} entries` },
        ];
        if (unmitigated.length > 0)
          return fail(
            `open: ${unmitigated.map(describe).join(', ')}${blocked === undefined && unmitigated.some((v) => v.cve.scripting) ? ' (who can run Lua is unknown: ACL LIST unread)' : ''}`,
            evidence,
            upgradeFix(j.id, unmitigated),
            unmitigated.map((v) => v.cve.id),
          );
        if (mitigated.length > 0)
          return warn(
            `open but mitigated (no enabled user can run Lua): ${mitigated.map(describe).join(', ')}`,
            evidence,
            upgradeFix(j.id, mitigated),
            mitigated.map((v) => v.cve.id),
          );
        return pass(`no open critical or high CVE in ${j.id.product} ${j.id.version}`, evidence);
      }),
  },
  {
    id: 'SW-003',
    title: 'The release line is supported (not end-of-life)',
    area: 'software',
    level: 'high',
    severity: 'high',
    seed: UPDATES,
    why: 'Production: "Regular security updates": an end-of-life line gets none',
    check: (facts, ctx) =>
      withVersion(facts, ctx, (j) => {
        const life = lifecycleOf(j.lines, j.id.version);
        const evidence = [
          ...j.evidence,
          {
            command: 'CVE table',
            value: `${ctx.cves.date}: end-of-life ${j.lines.endOfLife.join(', ') || 'none'}, older than ${j.lines.oldestSupported}`,
          },
        ];
        const fix = {
          text: `Move to a supported ${j.id.product} line (newer than ${j.lines.oldestSupported}, not ${j.lines.endOfLife.join('/') || 'an EOL one'})`,
          restart: true,
        };
        if (life === 'eol')
          return fail(
            `${j.id.product} ${j.id.version}: its line is end-of-life and gets no security fixes`,
            evidence,
            fix,
          );
        if (life === 'maintenance')
          return warn(`${j.id.product} ${j.id.version}: its line gets maintenance fixes only`, evidence, fix);
        return pass(`${j.id.product} ${j.id.version}: a supported line`, evidence);
      }),
  },
  {
    id: 'SW-004',
    title: 'Loaded modules (listed with their paths)',
    area: 'software',
    level: 'standard',
    severity: 'high',
    seed: 'Security Incident Response > Investigation',
    why: 'a module runs native code in the server: an unexpected one (rogue-master attacks load `system`) is a compromise sign',
    check: (facts) => {
      if (!facts.modules.ok) return unread('MODULE LIST', facts.modules);
      const mods = facts.modules.value;
      const evidence = [
        {
          command: 'MODULE LIST',
          value:
            mods
              .map((m) => `${m.name}${m.version ? ` v${m.version}` : ''} ${m.path ?? '(no path)'}`)
              .join('; ') || '(none)',
        },
      ];
      if (mods.length === 0) return pass('no module loaded', evidence);
      const dir = facts.config.ok ? facts.config.value.dir : undefined;
      const odd = mods.filter(
        (m) =>
          /^(system|shell)$/i.test(m.name) ||
          /^(\/tmp|\/dev\/shm|\.\/)/.test(m.path ?? '') ||
          (!!dir && !!m.path && m.path.startsWith(`${dir}/`)),
      );
      if (odd.length > 0)
        return fail(
          `${odd.map((m) => `${m.name} (${m.path ?? 'no path'})`).join(', ')}: a module named or placed like a rogue-master payload`,
          evidence,
          {
            text: 'Treat it as a compromise: capture evidence (Incident pane), then MODULE UNLOAD it',
            commands: odd.map((m) => `MODULE UNLOAD ${m.name}`),
          },
          odd.map((m) => m.name),
        );
      return warn(
        `${mods.length} module(s) loaded: check each is expected`,
        evidence,
        undefined,
        mods.map((m) => m.name),
      );
    },
  },
];
