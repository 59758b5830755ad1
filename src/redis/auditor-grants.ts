// The auditor's grants live with the audit's model (src/domain/audit/auditor-grants.ts), so the
// Users pane's templates (domain/, which imports nothing of redis/) can offer the same rule.
export { AUDITOR_GRANTS, AUDITOR_RULE } from '../domain/audit/auditor-grants.js';
