// `redis-warden acl ...`: the Users pane, headless. Loaded only when an acl subcommand runs.
export { aclList } from './acl-list.js';
export { aclShow, aclTest } from './acl-show.js';
export { aclExport } from './acl-export.js';
export type { ExportFlags } from './acl-export.js';
export { aclPlan } from './acl-plan.js';
export type { PlanFlags } from './acl-plan.js';
export { aclApply } from './acl-apply.js';
export type { ApplyFlags } from './acl-apply.js';
export { aclSaveCommand } from './acl-save.js';
export type { AclFlags } from './acl-session.js';
export { aclDrift } from './acl-drift.js';
export { aclSync } from './acl-sync.js';
export type { SyncFlags } from './acl-sync.js';
export { aclDelete, aclKill, aclSetEnabled, aclSetUser } from './acl-user.js';
export { aclCreate, aclRotate } from './acl-user-password.js';
export type { UserChangeFlags } from './acl-user.js';
