// A test's own admin link to a server it started (RESP2, as redis-cli speaks): for setting a
// server up and checking its state, outside the console under test.
import { Redis } from 'ioredis';

export const adminOf = (
  server: { host: string; port: number },
  password: string,
  username = 'admin',
): Redis => new Redis({ host: server.host, port: server.port, username, password, protocol: 2 });
