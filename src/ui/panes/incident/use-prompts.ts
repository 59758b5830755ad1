// The Incident pane's questions before it acts: the confirmation naming what a containment
// changes, the real dir and dbfilename a restore needs, MONITOR's cost and its seconds, the
// rotation's two phases, persisting, and closing (the outcome, then follow-ups a line each).
import { useApp } from '../../app-context.js';
import { toDisplay } from '../../../domain/display.js';
import type { Incident, SuggestedOperation } from '../../../domain/incident/types.js';
import { suspectFilter } from '../../../domain/incident/suspect-filter.js';
import { openIncidentOverlay } from './open-overlay.js';

type Ask = (title: string, lines: string[], onSubmit: (v: string) => void) => void;

/** An operation's params as `key=value` words: the pager wraps them at the spaces. */
const paramsLine = (p: Record<string, unknown>): string =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');

const AFTER = 'Recorded in the incident before it is sent, journaled, and the server is read again after.';

export function usePrompts(ask: Ask) {
  const { actions, store } = useApp();

  /** `typed`: what the operator must type to go on (the console's own user, before cutting it off). */
  function confirm(
    title: string,
    lines: string[],
    op: SuggestedOperation,
    label: string,
    typed?: string,
  ): void {
    actions.ui.open({
      kind: 'confirm',
      request: {
        title,
        lines: [...lines, AFTER],
        ...(typed === undefined ? {} : { typed }),
        confirmLabel: label,
        onConfirm: () => void actions.incident.run(op, label),
      },
    });
  }

  /** restore-persistence: the operator's dir and file, never the finding's placeholders. */
  function askPersistence(op: SuggestedOperation, then: (op: SuggestedOperation) => void): void {
    const why = [
      'The suggested /var/lib/redis and dump.rdb are placeholders, and the values the evidence saw ' +
        'are not known to be right (an attacker set them). Type the real ones for this node.',
    ];
    ask(`Restore persistence on ${toDisplay(String(op.params.node))}: the real dir`, why, (dir) => {
      if (!dir.trim()) return actions.ui.say('Not restored: the dir is needed.', 'warning');
      ask(`Restore persistence: the real dbfilename (dir ${toDisplay(dir)})`, why, (dbfilename) => {
        if (!dbfilename.trim()) return actions.ui.say('Not restored: the dbfilename is needed.', 'warning');
        then({ ...op, params: { ...op.params, dir: dir.trim(), dbfilename: dbfilename.trim() } });
      });
    });
  }

  return {
    finding(inc: Incident, index: number): void {
      const f = inc.findings[index];
      if (!f) return;
      actions.ui.open(
        openIncidentOverlay('incident-text', {
          title: toDisplay(`${f.severity.toUpperCase()} ${f.node ?? ''} ${f.title}`),
          lines: [
            'EVIDENCE',
            ...f.evidence.map((e) => toDisplay(`  ${e.artefact}: ${e.excerpt}`)),
            'SUGGESTS',
            ...(f.suggests.length
              ? f.suggests.map((o) => toDisplay(`  ${o.id} ${paramsLine(o.params)}`))
              : ['  nothing to run: a person must look first']),
          ],
        }),
      );
    },
    contain(index: number): void {
      const s = store.get().incident.suggestions[index];
      if (!s) return;
      // Cutting off the console's own user takes its name typed, not a y meant for another row.
      const own = s.warning ? String(s.operation.params.user) : undefined;
      const run = (op: SuggestedOperation, describe: string) =>
        confirm(`Run ${op.id}?`, [describe, ...(s.warning ? [`WARNING: ${s.warning}`] : [])], op, op.id, own);
      if (s.asks?.length)
        return askPersistence(s.operation, (op) =>
          run(
            op,
            toDisplay(
              `CONFIG SET dir ${String(op.params.dir)} dbfilename ${String(op.params.dbfilename)} on ${String(op.params.node)}`,
            ),
          ),
        );
      run(s.operation, s.describe);
    },
    monitor(): void {
      const max = actions.incident.monitorMaxSeconds;
      actions.ui.open({
        kind: 'confirm',
        request: {
          title: 'Take a timed MONITOR sample of every node?',
          lines: [actions.incident.monitorWarning, 'Kept as evidence with its own manifest. Needs +monitor.'],
          confirmLabel: 'go on',
          onConfirm: () =>
            ask(`MONITOR: how many seconds? (Enter: 5; at most ${max})`, [], (v) => {
              const n = v.trim() ? Number(v.trim()) : 5;
              if (!Number.isInteger(n) || n < 1 || n > max)
                return actions.ui.say(`Not taken: seconds must be 1 to ${max}.`, 'warning');
              void actions.incident.monitor(n);
            }),
        },
      });
    },
    clients(inc: Incident): void {
      const filter = suspectFilter(inc);
      actions.ui.goPane('clients');
      actions.ui.setFilter('clients', filter ?? '');
      actions.ui.say(
        `${filter ? 'Clients of the suspects' : 'The incident names no user or address: every client'}; the window: since ${inc.openedAt} (UTC).`,
        'info',
      );
    },
    rotate(phase: 'password' | 'drop-old', user: string): void {
      const [add, drop] = actions.incident.rotation(user);
      if (phase === 'password')
        return confirm(
          `Add a generated password to ${toDisplay(user)}?`,
          [
            `ACL SETUSER ${toDisplay(user)} with a new password generated by the server (ACL GENPASS), beside the old ones.`,
            'It is shown ONCE: move the applications to it, then O drops the old ones. It is never stored.',
          ],
          add,
          'add password',
        );
      confirm(
        `Drop the old passwords of ${toDisplay(user)}?`,
        [
          `ACL SETUSER ${toDisplay(user)}: every password but the newest is removed.`,
          'Applications still on an old password are refused from now on: move them first.',
        ],
        drop,
        'drop old passwords',
      );
    },
    persist(): void {
      actions.ui.open({
        kind: 'confirm',
        request: {
          title: 'Persist what was changed?',
          lines: [
            'On every node: ACL SAVE where it has an aclfile, CONFIG REWRITE where it has a config file only.',
            'A node with neither is named: its changes are lost on restart.',
          ],
          confirmLabel: 'persist',
          onConfirm: () => void actions.incident.persist(),
        },
      });
    },
    close(): void {
      const ups: string[] = [];
      const more = (outcome: string) =>
        ask(`Follow-up ${ups.length + 1} (an empty line ends)`, [`Outcome: ${toDisplay(outcome)}`], (v) => {
          if (!v.trim()) return actions.incident.close(outcome, ups);
          ups.push(v.trim());
          more(outcome);
        });
      ask('Close the incident: its outcome, in a sentence', ['Then the follow-ups, one a line.'], (o) => {
        if (!o.trim()) return actions.ui.say('Not closed: the outcome is needed.', 'warning');
        more(o.trim());
      });
    },
  };
}
