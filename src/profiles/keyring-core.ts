// OS keyring access through @napi-rs/keyring, honest about where a secret ends up.
//
// On Linux the library tries the Secret Service (gnome-keyring, KWallet over D-Bus) and
// otherwise the kernel keyutils store, which is in memory only: gone at reboot, and
// after some days unused. We pin each store explicitly so we know which one holds the
// secret and can say so. Measured on a headless Debian 12 box (no session keyring from
// pam_keyinit): the first keyutils call of a thread misbehaves (a set fails with
// AccessDenied yet leaves the key behind, a get returns null for an existing key), and
// calls from worker threads (AsyncEntry) keep failing. So only the synchronous Entry is
// used (main thread), keyutils after one warm-up read, and every store is read back.
import { createRequire } from 'node:module';
import { KeyringError } from './errors.js';
import {
  FALLBACK_HINT,
  keyutilsNotice,
  message,
  readKeyutilsExpiry,
  secretServiceReason,
} from './keyring-messages.js';
import type * as NapiKeyring from '@napi-rs/keyring';

export const KEYRING_SERVICE = 'redis-warden';

export type KeyringLib = Pick<typeof NapiKeyring, 'Entry'>;
export type KeyringBackend = 'secret-service' | 'keyutils' | 'platform';

export interface KeyringStatus {
  available: boolean;
  backend?: KeyringBackend;
  /** False for the kernel keyring: the secret will not survive a reboot. */
  persistent?: boolean;
  /** Why it is unavailable, or what the operator should know about the backend. */
  reason?: string;
}

export interface KeyringStoreResult {
  backend: KeyringBackend;
  persistent: boolean;
  /** Say this to the operator (non-persistent storage, a refused Secret Service). */
  notice?: string;
}

export interface Keyring {
  status(): KeyringStatus;
  /** Stores and reads back; throws KeyringError unless the secret is really there. */
  store(profileName: string, secret: string): KeyringStoreResult;
  read(profileName: string): string | undefined;
  delete(profileName: string): boolean;
}

export interface KeyringDeps {
  /** Loads the binding lazily: a missing native binary must not break start-up. */
  lib?: () => KeyringLib;
  platform?: NodeJS.Platform;
  /** Seconds the kernel keeps an unused persistent keyring; read from /proc by default. */
  keyutilsExpiry?: () => number | undefined;
}

type Store = 'secret-service' | 'keyutils' | undefined;
const loadNapi = (): KeyringLib => createRequire(import.meta.url)('@napi-rs/keyring') as KeyringLib;

export function createKeyring(deps: KeyringDeps = {}): Keyring {
  const linux = (deps.platform ?? process.platform) === 'linux';
  const expiry = deps.keyutilsExpiry ?? readKeyutilsExpiry;
  let lib: KeyringLib | undefined;
  let warmed = false;

  const entry = (name: string, store: Store): NapiKeyring.Entry => {
    lib ??= (deps.lib ?? loadNapi)();
    if (store === 'keyutils' && !warmed) {
      warmed = true;
      try {
        new lib.Entry(KEYRING_SERVICE, '.warm-up', { linux: { store } }).getPassword();
      } catch {
        // Only there to settle the thread's session keyring; the real call reports.
      }
    }
    return new lib.Entry(KEYRING_SERVICE, name, store ? { linux: { store } } : undefined);
  };
  const checkName = (name: string): void => {
    if (!name) throw new KeyringError('a keyring secret needs a profile name');
  };
  const setAndVerify = (e: NapiKeyring.Entry, secret: string): void => {
    e.setPassword(secret);
    if (e.getPassword() !== secret) throw new Error('the secret read back differs from the one stored');
  };
  // Where to look, most durable first; off Linux the platform store is the only one.
  const stores: Store[] = linux ? ['secret-service', 'keyutils'] : [undefined];
  const describe = (store: Store, err: unknown): string =>
    store === 'secret-service' ? secretServiceReason(err) : `${store ?? 'OS'} keyring: ${message(err)}`;

  return {
    status() {
      const reasons: string[] = [];
      for (const store of stores) {
        try {
          // The Secret Service check connects to D-Bus and finds the service; nothing is
          // written. The keyutils check reads a probe entry that never exists.
          const e = entry('.probe', store);
          if (store === 'keyutils') e.getPassword();
          if (store !== 'keyutils')
            return { available: true, backend: store ?? 'platform', persistent: true };
          return {
            available: true,
            backend: 'keyutils',
            persistent: false,
            reason: keyutilsNotice(expiry()),
          };
        } catch (err) {
          reasons.push(describe(store, err));
        }
      }
      return { available: false, reason: `no usable keyring (${reasons.join('; ')}); ${FALLBACK_HINT}` };
    },

    store(name, secret) {
      checkName(name);
      if (!secret) throw new KeyringError('refusing to store an empty secret in the keyring');
      const reasons: string[] = [];
      let ssReachable = false;
      for (const store of stores) {
        let e: NapiKeyring.Entry | undefined;
        try {
          e = entry(name, store);
          if (store === 'secret-service') ssReachable = true;
          setAndVerify(e, secret);
        } catch (err) {
          reasons.push(describe(store, err));
          try {
            e?.deletePassword(); // a failed set can still leave the key behind
          } catch {
            // the error below already says the secret is not stored
          }
          continue;
        }
        if (store !== 'keyutils') return { backend: store ?? 'platform', persistent: true };
        const notice = keyutilsNotice(expiry(), ssReachable ? reasons[0] : undefined);
        return { backend: 'keyutils', persistent: false, notice };
      }
      throw new KeyringError(
        `could not store the secret of "${name}": ${reasons.join('; ')}; ${FALLBACK_HINT}`,
      );
    },

    read(name) {
      checkName(name);
      const reasons: string[] = [];
      for (const store of stores) {
        try {
          const value = entry(name, store).getPassword();
          if (value !== null) return value;
        } catch (err) {
          reasons.push(describe(store, err));
        }
      }
      if (reasons.length === stores.length) {
        throw new KeyringError(
          `could not read the secret of "${name}": no usable keyring (${reasons.join('; ')})`,
        );
      }
      return undefined;
    },

    delete(name) {
      checkName(name);
      const reasons: string[] = [];
      let deleted = false;
      for (const store of stores) {
        try {
          deleted = entry(name, store).deletePassword() || deleted;
        } catch (err) {
          reasons.push(describe(store, err));
        }
      }
      if (reasons.length === stores.length) {
        throw new KeyringError(`could not delete the secret of "${name}": ${reasons.join('; ')}`);
      }
      return deleted;
    },
  };
}
