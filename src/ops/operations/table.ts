// The table of operations: one spec per server write the console makes, keyed by its journal
// action id, so a saved step, the journal entry it makes and the README's table of actions
// name it the same way.
import type { ActionId } from '../../domain/actions.js';
import { setConfig } from './config-specs.js';
import { restorePersistence, stopReplication, unloadModule } from './contain-specs.js';
import { killNet } from './kill-net-spec.js';
import { killClients, resetLog, rewriteConfig, saveAcl } from './server-specs.js';
import { reloadTlsFiles } from './tls-specs.js';
import type { OperationSpec } from './types.js';
import { changeUser, createUser, deleteUser, killUser } from './user-specs.js';

export const OPERATIONS = {
  'acl.create-user': createUser,
  'acl.setuser': changeUser,
  'acl.deluser': deleteUser,
  'client.kill-user': killUser,
  'client.kill': killClients,
  'acl.save': saveAcl,
  'config.rewrite': rewriteConfig,
  'acl.log-reset': resetLog,
  'config.set': setConfig,
  'tls.reload': reloadTlsFiles,
  'client.kill-net': killNet,
  'replication.stop': stopReplication,
  'module.unload': unloadModule,
  'config.restore-persistence': restorePersistence,
} as const satisfies Partial<Record<ActionId, { id: ActionId }>>;

export type OperationId = keyof typeof OPERATIONS;

type ParamsOf<S> = S extends OperationSpec<infer P> ? P : never;

/** An operation as data: plain JSON, no secret in it (a password goes beside: see Beside). */
export type Operation = {
  [K in OperationId]: { id: K; params: ParamsOf<(typeof OPERATIONS)[K]> };
}[OperationId];
