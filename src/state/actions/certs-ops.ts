// What the Certs pane calls: certificate generation, renewal and the live reload
// (src/ops/certs*.ts) and inspection (src/ops/certs-inspect.ts), the same operations as
// `redis-warden certs ...`, gathered in one import for the pane's actions and views.
export * from '../../ops/certs.js';
export { reloadTls } from '../../ops/certs-reload.js';
export type { ReloadParams } from '../../ops/certs-reload.js';
export * from '../../ops/certs-inspect.js';
