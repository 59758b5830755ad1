// The one import for tests that need a real server: single nodes and clusters.
export { startRedis } from './redis-instance.js';
export type { RedisHandle, RedisOptions } from './redis-instance.js';
export { startCluster } from './redis-cluster.js';
export type { ClusterHandle, ClusterOptions } from './redis-cluster.js';
export type { TlsFiles } from './redis-tls.js';
