import { describe, expect, it } from 'vitest';
import { KeyringError } from '../../src/profiles/errors.js';
import { createKeyring, KEYRING_SERVICE } from '../../src/profiles/keyring.js';
import type { KeyringLib } from '../../src/profiles/keyring.js';

type StoreName = 'secret-service' | 'keyutils' | 'default';
interface FakeStore {
  ctorError?: string;
  setError?: string;
  /** set() "succeeds" but nothing is kept (what a broken backend looks like). */
  forgets?: boolean;
  data: Map<string, string>;
}

const DBUS_ERR =
  'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead';

function fakeLib(stores: Partial<Record<StoreName, Partial<FakeStore>>>): {
  lib: () => KeyringLib;
  calls: string[];
} {
  const all = new Map<StoreName, FakeStore>();
  for (const name of ['secret-service', 'keyutils', 'default'] as const)
    all.set(name, { data: new Map(), ...stores[name] });
  const calls: string[] = [];
  class Entry {
    private readonly s: FakeStore;
    constructor(
      private readonly service: string,
      private readonly user: string,
      options?: { linux?: { store?: 'secret-service' | 'keyutils' } },
    ) {
      const name: StoreName = options?.linux?.store ?? 'default';
      this.s = all.get(name) as FakeStore;
      calls.push(`${name}:new:${user}`);
      if (this.s.ctorError) throw new Error(this.s.ctorError);
    }
    setPassword(pw: string): void {
      if (this.s.setError) throw new Error(this.s.setError);
      if (!this.s.forgets) this.s.data.set(`${this.service}/${this.user}`, pw);
    }
    getPassword(): string | null {
      return this.s.data.get(`${this.service}/${this.user}`) ?? null;
    }
    deletePassword(): boolean {
      return this.s.data.delete(`${this.service}/${this.user}`);
    }
  }
  return { lib: () => ({ Entry }) as unknown as KeyringLib, calls };
}

const linux = (stores: Parameters<typeof fakeLib>[0], expiry = 259200) => {
  const fake = fakeLib(stores);
  return {
    keyring: createKeyring({ lib: fake.lib, platform: 'linux', keyutilsExpiry: () => expiry }),
    calls: fake.calls,
  };
};

describe('keyring', () => {
  it('uses the Secret Service when it works: persistent, no notice', () => {
    const { keyring, calls } = linux({});
    expect(keyring.status()).toEqual({ available: true, backend: 'secret-service', persistent: true });
    expect(keyring.store('prod', 'pw1')).toEqual({ backend: 'secret-service', persistent: true });
    expect(keyring.read('prod')).toBe('pw1');
    expect(keyring.delete('prod')).toBe(true);
    expect(keyring.read('prod')).toBeUndefined();
    expect(calls.filter((c) => c.startsWith('keyutils:new:prod'))).toHaveLength(2); // read and delete look there too
  });

  it('without a Secret Service, keeps the secret in the kernel keyring and says it lasts until reboot', () => {
    const { keyring, calls } = linux({ 'secret-service': { ctorError: DBUS_ERR } });
    const status = keyring.status();
    expect(status).toMatchObject({ available: true, backend: 'keyutils', persistent: false });
    expect(status.reason).toBe(
      'No keyring daemon (Secret Service) here: the secret is kept in the kernel keyring and lasts until reboot or after 3 days unused.',
    );
    const result = keyring.store('prod', 'pw2');
    expect(result).toEqual({ backend: 'keyutils', persistent: false, notice: status.reason });
    expect(keyring.read('prod')).toBe('pw2');
    // The first keyutils use in a process is a warm-up read of a throwaway entry.
    expect(calls.find((c) => c.startsWith('keyutils:'))).toBe('keyutils:new:.warm-up');
    expect(keyring.delete('prod')).toBe(true);
  });

  it('says why when a reachable Secret Service refused, and still tells the truth about persistence', () => {
    const { keyring } = linux({ 'secret-service': { setError: 'Locked collection' } });
    const result = keyring.store('prod', 'pw3');
    expect(result.backend).toBe('keyutils');
    expect(result.notice).toMatch(
      /^The Secret Service could not be used \(Secret Service failed: Locked collection\): .*lasts until reboot/,
    );
  });

  it('fails clearly, suggesting env/file sources, when nothing can store', () => {
    const { keyring } = linux({
      'secret-service': { ctorError: DBUS_ERR },
      keyutils: { setError: "Couldn't access platform storage: AccessDenied" },
    });
    const status = keyring.status();
    expect(status.available).toBe(true); // keyutils answers reads...
    const err = (() => {
      try {
        keyring.store('prod', 'pw4');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(KeyringError);
    expect((err as Error).message).toBe(
      'could not store the secret of "prod": no Secret Service daemon (gnome-keyring, KWallet) on a D-Bus session bus; ' +
        "keyutils keyring: Couldn't access platform storage: AccessDenied; use an env or file password source instead (a 0600 file, or REDISCLI_AUTH)",
    );
    expect((err as Error).message).not.toContain('pw4');
  });

  it('reports no keyring at all when neither store opens', () => {
    const { keyring } = linux({
      'secret-service': { ctorError: DBUS_ERR },
      keyutils: { ctorError: 'Operation not permitted' },
    });
    const status = keyring.status();
    expect(status.available).toBe(false);
    expect(status.reason).toMatch(
      /^no usable keyring \(.*Operation not permitted\); use an env or file password source/,
    );
    expect(() => keyring.read('prod')).toThrow(/could not read the secret of "prod": no usable keyring/);
    expect(() => keyring.delete('prod')).toThrow(KeyringError);
    expect(() => keyring.store('prod', 'x')).toThrow(KeyringError);
  });

  it('only succeeds when the secret reads back: a store that forgets is an error', () => {
    const { keyring } = linux({ 'secret-service': { ctorError: DBUS_ERR }, keyutils: { forgets: true } });
    expect(() => keyring.store('prod', 'pw5')).toThrow(/the secret read back differs/);
  });

  it('refuses empty names and secrets', () => {
    const { keyring } = linux({});
    expect(() => keyring.store('', 'x')).toThrow(/needs a profile name/);
    expect(() => keyring.store('prod', '')).toThrow(/empty secret/);
  });

  it('uses the platform store off Linux', () => {
    const fake = fakeLib({});
    const keyring = createKeyring({ lib: fake.lib, platform: 'darwin' });
    expect(keyring.store('prod', 'pw6')).toEqual({ backend: 'platform', persistent: true });
    expect(keyring.read('prod')).toBe('pw6');
    expect(fake.calls.every((c) => c.startsWith('default:'))).toBe(true);
  });

  it('names entries service "redis-warden", account = profile name', () => {
    expect(KEYRING_SERVICE).toBe('redis-warden');
  });
});
