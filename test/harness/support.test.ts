import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from '../support/ports.js';
import {
  checkRedisServer,
  INSTALL_MESSAGE,
  requireRedisServer,
  SERVER_ENV,
} from '../support/redis-binary.js';
import { quoteConfigValue } from '../support/redis-config.js';
import { startRedis } from '../support/redis-server.js';

describe('redis-server discovery', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'redis-warden-bin-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds a 7.x redis-server on this machine', () => {
    const binary = checkRedisServer(undefined, '');
    expect(binary.major).toBeGreaterThanOrEqual(7);
    expect(binary.path).toMatch(/redis-server$/);
  });

  it(`uses $${SERVER_ENV} when set, and names the server the run uses`, () => {
    const binary = requireRedisServer();
    if (process.env[SERVER_ENV]) expect(binary.path).toBe(process.env[SERVER_ENV]);
    expect(binary.label).toMatch(/^(Redis|Valkey) \d+\.\d+\.\d+$/);
  });

  it('says how to install it when it is missing', () => {
    expect(() => checkRedisServer(join(scratch, 'nothing-here'), '')).toThrow(INSTALL_MESSAGE);
  });

  it('refuses a redis-server older than 7.0, naming the version found', () => {
    const fake = join(scratch, 'redis-server');
    writeFileSync(fake, '#!/bin/sh\necho "Redis server v=6.2.14 sha=00000000:0 malloc=libc bits=64"\n');
    chmodSync(fake, 0o755);
    expect(() => checkRedisServer(scratch, '')).toThrow(/redis-server 7\+ is required.*found 6\.2\.14/);
  });

  it(`fails on a missing $${SERVER_ENV} binary with how to build it, never falling back to PATH`, () => {
    const missing = join(scratch, 'valkey-8.0.1', 'valkey-server');
    expect(() => checkRedisServer(undefined, missing)).toThrow(
      new RegExp(`${SERVER_ENV}=${missing}: build the vendored servers with .*build-server\\.sh`),
    );
  });

  it('reads the version of a Valkey binary', () => {
    const fake = join(scratch, 'valkey-server');
    writeFileSync(fake, '#!/bin/sh\necho "Valkey server v=8.0.1 sha=00000000:1 malloc=libc bits=64"\n');
    chmodSync(fake, 0o755);
    expect(checkRedisServer(undefined, fake)).toMatchObject({ label: 'Valkey 8.0.1', major: 8, minor: 0 });
  });
});

describe('ports', () => {
  it('hands out distinct free loopback ports, never 6379', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports).not.toContain(6379);
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
  });

  it('keeps cluster ports low enough for a free bus port at +10000', async () => {
    for (let i = 0; i < 10; i += 1) {
      const port = await freePort({ clusterBus: true });
      expect(port).toBeLessThan(55_535);
      expect(await isPortFree(port + 10_000)).toBe(true);
    }
  });
});

describe('redis.conf quoting', () => {
  it('leaves plain tokens alone and quotes everything sdssplitargs would mangle', () => {
    expect(quoteConfigValue('s3cret')).toBe('s3cret');
    expect(quoteConfigValue('')).toBe('""');
    expect(quoteConfigValue('a b')).toBe('"a b"');
    expect(quoteConfigValue('q"\\')).toBe('"q\\"\\\\"');
    expect(quoteConfigValue('é\n')).toBe('"\\xc3\\xa9\\x0a"');
  });
});

describe('start-up failures', () => {
  it('fail fast with redis-server output and the log tail', async () => {
    const started = Date.now();
    const error = await startRedis({ extraConfig: ['no-such-directive yes'] }).then(
      () => new Error('started anyway'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/exited during start-up/);
    expect(error.message).toMatch(/Bad directive or wrong number of arguments/);
    expect(error.message).toMatch(/no-such-directive/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
