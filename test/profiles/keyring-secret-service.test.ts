// The real Secret Service path: a private D-Bus session with gnome-keyring-daemon, and a
// child process that stores and reads back through src/profiles/keyring.ts. Missing
// tools fail the test (never a skip) so a CI image without them is noticed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScript, childEnv, run, which } from './helpers.js';

const CHILD = `
import { createRequire } from 'node:module';
import { deleteFromKeyring, keyringStatus, readFromKeyring, storeInKeyring } from '../../src/profiles/keyring.js';
const [name, secret] = process.argv.slice(2);
const { Entry } = createRequire(import.meta.url)('@napi-rs/keyring');
const direct = (store) => {
  try { return new Entry('redis-warden', name, { linux: { store } }).getPassword(); } catch (e) { return 'error: ' + e.message; }
};
const status = keyringStatus();
const stored = await storeInKeyring(name, secret);
const notice = stored.notice ?? null;
const readBack = (await readFromKeyring(name)) === secret;
const inSecretService = direct('secret-service') === secret;
const inKernel = direct('keyutils') === secret;
const deleted = await deleteFromKeyring(name);
const afterDelete = (await readFromKeyring(name)) ?? null;
console.log(JSON.stringify({ status, backend: stored.backend, notice, readBack, inSecretService, inKernel, deleted, afterDelete }));
`;

const INSTALL_HINT =
  'the keyring test needs a D-Bus session and gnome-keyring: apt-get install -y gnome-keyring dbus dbus-x11';

describe('keyring with a real Secret Service (gnome-keyring under dbus-run-session)', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-secret-service-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('stores, reads back and deletes through the Secret Service, with no notice', async () => {
    const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((bin) => !which(bin));
    expect(missing, `${missing.join(', ')} not found: ${INSTALL_HINT}`).toEqual([]);

    const script = await bundleScript(CHILD, tmp);
    const home = path.join(tmp, 'home');
    const runtime = path.join(tmp, 'run');
    fs.mkdirSync(home, { mode: 0o700 });
    fs.mkdirSync(runtime, { mode: 0o700 });
    // A throwaway HOME keeps the test keyring file away from the real one.
    const env = childEnv({
      HOME: home,
      XDG_DATA_HOME: path.join(home, '.local/share'),
      XDG_RUNTIME_DIR: runtime,
      DBUS_SESSION_BUS_ADDRESS: undefined,
    });
    const secret = `ss-secret-${Math.random().toString(36).slice(2)}`;
    const inner = `echo test-unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$0" "$@"`;
    const result = await run(
      'dbus-run-session',
      ['--', 'sh', '-c', inner, process.execPath, script, 'live-profile', secret],
      env,
    );
    expect(result.code, `child failed: ${result.stderr}`).toBe(0);
    const lastLine = result.stdout.trim().split('\n').pop() ?? '';
    expect(JSON.parse(lastLine)).toEqual({
      status: { available: true, backend: 'secret-service', persistent: true },
      backend: 'secret-service',
      notice: null,
      readBack: true,
      inSecretService: true,
      inKernel: false,
      deleted: true,
      afterDelete: null,
    });
  });
});
