// The Incident pane's keys (data: its spec, the footer, help and the tests read them). Keys
// that mean something else elsewhere are not reused (test/ui/keymap-collisions.test.ts): `d` is
// delete and `s` sort, so a step is marked done with `+` and skipped with `-` (as the step list
// shows them: [x] and [-]); `k` moves up in every list, so the key space is `K`; `1`/`2` switch
// panes, so rotation is `a` (a password, as in Users) and `O` (drop the old ones); `R` resets
// the ACL Log, so the report is `P`; `L` and `c` open the ACL Log and Clients as elsewhere.
import type { Binding } from '../../keymap/bindings.js';

const b = (
  id: string,
  keys: string[],
  short: string,
  description: string,
  more: Partial<Binding> = {},
): Binding => ({ id: `incident.${id}`, keys, short, description, scope: 'incident', ...more });

export const INCIDENT_BINDINGS: Binding[] = [
  b(
    'open',
    ['return'],
    'open',
    "Open: an incident (list); in one, the row's action: a finding's evidence, a containment (asks first), a step's verb",
    { hint: true },
  ),
  b('new', ['n'], 'new', 'New incident on the connected target: asks a title, then takes the evidence', {
    hint: true,
    needsConnection: true,
  }),
  b('done', ['+'], 'done', "Mark the step shown done (the flow's next step becomes current)", { hint: true }),
  b('skip', ['-'], 'skip', 'Skip the step shown (asks why; the reason is kept in the timeline)', {
    hint: true,
  }),
  b('note', ['N'], 'note', "Add a note to the incident's timeline"),
  b('report', ['P'], 'report', 'The report (as `incident report` prints it), scrollable'),
  b(
    'monitor',
    ['m'],
    'monitor',
    'Contain: a timed MONITOR sample of every node, kept as evidence (warns and asks the seconds first; needs +monitor)',
    { needsConnection: true },
  ),
  b('log', ['L'], 'ACL Log', 'Investigate: open the ACL Log pane'),
  b(
    'clients',
    ['c'],
    'clients',
    "Investigate: open the Clients pane filtered to the suspects' users and addresses",
  ),
  b(
    'keyspace',
    ['K'],
    'key space',
    'Investigate: the key space now beside when the evidence was taken (DBSIZE per node)',
    { needsConnection: true },
  ),
  b(
    'password',
    ['a'],
    'add password',
    'Remediate: add a generated password to the selected user (shown once; the old ones still work)',
    { dangerous: true, needsConnection: true },
  ),
  b(
    'drop-old',
    ['O'],
    'drop old',
    "Remediate: drop the selected user's old passwords (after the apps moved)",
    { dangerous: true, needsConnection: true },
  ),
  b('save', ['w'], 'persist', 'Remediate: persist the changes: ACL SAVE or CONFIG REWRITE on every node', {
    dangerous: true,
    needsConnection: true,
  }),
  b('step-prev', ['left'], 'prev step', "Show the previous step's view"),
  b('step-next', ['right'], 'next step', "Show the next step's view"),
];
