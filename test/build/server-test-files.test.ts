// npm test runs the Redis-facing files again on Redis 7.4.1 and Valkey 8.0.1: a file is one
// when it starts a server through test/support, itself or through a helper of test/ it imports.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The script is plain JavaScript run by npm test: asked here as npm test asks it.
const script = join(__dirname, '..', '..', 'scripts', 'test-servers.mjs');
const serverTestFiles = (dir: string): string[] =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [
        '-e',
        `import(${JSON.stringify(script)}).then((m) => console.log(JSON.stringify(m.serverTestFiles(process.argv[1]))))`,
        dir,
      ],
      { encoding: 'utf8' },
    ),
  ) as string[];

const root = mkdtempSync(join(tmpdir(), 'rw-server-files-'));
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('serverTestFiles', () => {
  it('follows test/ helpers to the server they start; a pure file is not one', () => {
    write('test/support/redis-server.ts', 'export {};');
    write('test/helpers/fixture.ts', "import { startRedis } from '../support/redis-server.js';");
    write('test/helpers/loop-a.ts', "import { b } from './loop-b.js';");
    write('test/helpers/loop-b.ts', "import { a } from './loop-a.js';");
    write('test/ui/direct.test.ts', "import { startRedis } from '../support/redis-server.js';");
    write('test/ui/via-fixture.test.tsx', "import { usersPaneFixture } from '../helpers/fixture.js';");
    write('test/domain/pure.test.ts', "import { x } from '../../src/domain/x.js';");
    write('test/domain/loop.test.ts', "import { a } from '../helpers/loop-a.js';");
    expect(serverTestFiles(root)).toEqual(['test/ui/direct.test.ts', 'test/ui/via-fixture.test.tsx']);
  });

  it('the Users pane files, on a shared fixture, are server files of this repo', () => {
    const files = serverTestFiles(join(__dirname, '..', '..'));
    expect(files).toEqual(
      expect.arrayContaining(['test/ui/users-pane.test.tsx', 'test/ui/users-pane-changes.test.tsx']),
    );
  });
});
