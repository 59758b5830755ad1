// The Incident pane's verbs: on the list (open, new) and in an incident (the selected row's
// action on Enter, and each step's keys). What changes a server asks first (a confirmation
// naming the change) and runs as an operation through the flow; what needs words asks a line.
import { useApp } from '../../app-context.js';
import type { Incident, Phase } from '../../../domain/incident/types.js';
import { PHASES } from '../../../domain/incident/types.js';
import type { IncidentListRow } from '../../../state/incident-slice.js';
import { openIncidentOverlay } from './open-overlay.js';
import type { ViewRow } from './view-rows.js';
import { usePrompts } from './use-prompts.js';

export interface On {
  list?: IncidentListRow;
  row?: ViewRow;
  inc?: Incident;
}

export function useIncidentCommands() {
  const { actions, store } = useApp();
  const ask = (title: string, lines: string[], onSubmit: (v: string) => void) =>
    actions.ui.open(openIncidentOverlay('incident-ask', { title, lines, onSubmit }));
  const p = usePrompts(ask);

  const shownStep = (inc: Incident): Phase => store.get().incident.step ?? inc.phase;
  const userOf = (row: ViewRow | undefined, inc: Incident): string | undefined =>
    row?.act && 'user' in row.act ? row.act.user : actions.incident.remediation(inc).users[0];

  function act(row: ViewRow | undefined, inc: Incident): void {
    const a = row?.act;
    if (!a) return;
    switch (a.do) {
      case 'finding':
        return p.finding(inc, a.index);
      case 'suggestion':
        return p.contain(a.index);
      case 'monitor':
        return p.monitor();
      case 'log':
        return goLog(inc);
      case 'clients':
        return p.clients(inc);
      case 'keyspace':
        return void actions.incident.keyspace();
      case 'password':
      case 'drop-old':
        return p.rotate(a.do, a.user);
      case 'save':
        return p.persist();
      case 'close':
        return p.close();
    }
  }

  function goLog(inc: Incident): void {
    actions.ui.goPane('acl-log');
    actions.ui.say(`The incident's window: since ${inc.openedAt} (UTC).`, 'info');
  }

  return (id: string, on: On): void => {
    if (id === 'incident.new') {
      if (!store.get().connection)
        return actions.ui.say('Not connected: pick a profile (7) first.', 'warning');
      return ask(
        'New incident: its title',
        ['Enter on an empty line takes the default ("incident on <address>"). The evidence is taken first.'],
        (title) => void actions.incident.start(title.trim() || undefined),
      );
    }
    const inc = on.inc;
    if (!inc) {
      if (id === 'incident.open' && on.list) {
        if (on.list.error) return actions.ui.say(`Cannot open ${on.list.id}: ${on.list.error}`, 'danger');
        actions.incident.open(on.list.id);
      } else if (id !== 'incident.open') actions.ui.say('Open an incident first (Enter).', 'info');
      return;
    }
    const step = shownStep(inc);
    switch (id) {
      case 'incident.open':
        return act(on.row, inc);
      case 'incident.done':
        return actions.incident.done();
      case 'incident.skip':
        return ask(`Skip step ${step}: why?`, ['The reason is kept in the timeline and the report.'], (r) => {
          if (!r.trim()) return actions.ui.say('Not skipped: a skip needs its reason.', 'warning');
          actions.incident.skip(r);
        });
      case 'incident.note':
        return ask(
          'A note for the timeline',
          ['Kept as written (what looks like a password is redacted).'],
          (t) => actions.incident.note(t),
        );
      case 'incident.report':
        return actions.ui.open(
          openIncidentOverlay('incident-text', {
            title: `Report of ${inc.id}`,
            lines: actions.incident.report(),
          }),
        );
      case 'incident.monitor':
        return p.monitor();
      case 'incident.log':
        return goLog(inc);
      case 'incident.clients':
        return p.clients(inc);
      case 'incident.keyspace':
        return void actions.incident.keyspace();
      case 'incident.password':
      case 'incident.drop-old': {
        const user = userOf(on.row, inc);
        if (!user) return actions.ui.say('No user to rotate: no suspect, no finding names one.', 'info');
        return p.rotate(id === 'incident.password' ? 'password' : 'drop-old', user);
      }
      case 'incident.save':
        return p.persist();
      case 'incident.step-prev':
      case 'incident.step-next': {
        const i = PHASES.indexOf(step) + (id === 'incident.step-next' ? 1 : -1);
        const next = PHASES[Math.max(0, Math.min(PHASES.length - 1, i))]!;
        actions.ui.select('incident', 0);
        return actions.incident.viewStep(next === inc.phase ? undefined : next);
      }
    }
  };
}
