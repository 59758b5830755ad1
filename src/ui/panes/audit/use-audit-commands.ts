// The Audit pane's verbs on a result: open it, and F, its online fix: a confirmation naming
// each change and its node (OnlineFix.summary), then the fix through the mutation path and a
// re-run. A fix that needs a restart or a file edit has nothing to run: its lines are shown.
import { useApp } from '../../app-context.js';
import type { CheckResult } from '../../../domain/audit/types.js';
import { toDisplay } from '../../../domain/display.js';

export function useAuditCommands() {
  const { actions } = useApp();

  function confirmFix(r: CheckResult | undefined): void {
    if (!r) return actions.ui.say('No check selected.', 'warning');
    if (r.status === 'pass') return actions.ui.say(`${r.id} passes: nothing to fix.`, 'info');
    const online = r.fix?.online ?? [];
    if (!r.fix || !online.length) {
      actions.audit.open(r);
      return actions.ui.say(
        !r.fix
          ? `${r.id} has no fix to apply${r.unknown?.grant ? `: grant ${toDisplay(r.unknown.grant)} to know` : ''}.`
          : `${r.id} cannot be fixed online (${r.fix.restart ? 'it needs a restart' : 'it needs a file edit'}): paste the lines shown.`,
        'info',
      );
    }
    actions.ui.open({
      kind: 'confirm',
      request: {
        title: `Fix ${r.id} (${toDisplay(r.title)})?`,
        lines: [
          ...online.map((o) => toDisplay(o.summary)),
          'Journaled; the audit runs again after, to show the outcome.',
        ],
        confirmLabel: 'apply',
        onConfirm: () => void actions.audit.fix(r),
      },
    });
  }

  return (id: string, r: CheckResult | undefined): boolean => {
    switch (id) {
      case 'audit.open':
        if (r) actions.audit.open(r);
        return true;
      case 'audit.fix':
        confirmFix(r);
        return true;
    }
    return false;
  };
}
