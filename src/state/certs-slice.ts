// The Certs pane's data: the wizard (which step, what was chosen, the plan it builds, the
// preview, the problems checkPlan found, what was written and verified), the last inspect
// report and the last reload. A CA key's passphrase is never here: it lives in the actions'
// closure for the wizard's life only (src/state/actions/certs.ts).
import type {
  CertPlan,
  CertPreview,
  GenerateResult,
  InspectReport,
  KeyType,
  LiveReport,
  NextSteps,
  PlanProblem,
} from './actions/certs-ops.js';

export const WIZARD_STEPS = [
  'what',
  'key',
  'names',
  'usage',
  'validity',
  'where',
  'preview',
  'next',
] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export type CertKind = 'ca' | 'server' | 'client' | 'deployment' | 'existing';

export interface CertsSlice {
  step: WizardStep;
  kind: CertKind;
  keyType: KeyType;
  /** Signing with an existing CA: its files (the passphrase is not kept here). */
  existing: { certPath: string; keyPath: string };
  plan?: CertPlan;
  problems: PlanProblem[];
  /** Files that exist; writing needs a confirmation naming them. */
  existingFiles: string[];
  /** The operator confirmed overwriting exactly these. */
  overwrite: string[];
  preview?: CertPreview[];
  result?: GenerateResult;
  next?: NextSteps;
  /** Running a check, a preview or the write: said instead of a stale screen. */
  busy?: string;
  /** Why the last step could not go on. */
  error?: string;
  inspect?: InspectReport | LiveReport;
  inspectError?: string;
  reload?: { text: string; tone: 'ok' | 'warning' | 'danger' };
}

export const initialCerts = (): CertsSlice => ({
  step: 'what',
  kind: 'deployment',
  keyType: 'ecdsa-p256',
  existing: { certPath: '', keyPath: '' },
  problems: [],
  existingFiles: [],
  overwrite: [],
});

/** The leaves that would outlive a new CA (an existing CA's end date is checkPlan's to judge). */
export function outlivingLeaves(plan: CertPlan): string[] {
  if (!('new' in plan.ca)) return [];
  const caDays = plan.ca.new.days;
  return plan.leaves.filter((l) => l.days > caDays).map((l) => l.file);
}
