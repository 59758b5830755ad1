// The OS keyring as the rest of redis-warden uses it: one default keyring (see
// keyring-core.ts for how the Linux stores are chosen and why) behind async functions.
import { KeyringError } from './errors.js';
import { createKeyring } from './keyring-core.js';
import type { KeyringStatus, KeyringStoreResult } from './keyring-core.js';

export { createKeyring, KEYRING_SERVICE } from './keyring-core.js';
export type {
  Keyring,
  KeyringBackend,
  KeyringDeps,
  KeyringLib,
  KeyringStatus,
  KeyringStoreResult,
} from './keyring-core.js';

const defaultKeyring = createKeyring();

// Promise-returning wrappers: callers already await them, and the Secret Service half may
// move to the binding's AsyncEntry without changing them (keyutils must stay synchronous).
const settle = <T>(work: () => T): Promise<T> => {
  try {
    return Promise.resolve(work());
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new KeyringError(String(err)));
  }
};

export const keyringStatus = (): KeyringStatus => defaultKeyring.status();

/**
 * Stores the profile's secret and reads it back. `notice` is set when the operator must
 * hear something (the kernel keyring: lost at reboot). Rejects with KeyringError when
 * nothing could store it.
 */
export const storeInKeyring = (profileName: string, secret: string): Promise<KeyringStoreResult> =>
  settle(() => defaultKeyring.store(profileName, secret));

export const readFromKeyring = (profileName: string): Promise<string | undefined> =>
  settle(() => defaultKeyring.read(profileName));

export const deleteFromKeyring = (profileName: string): Promise<boolean> =>
  settle(() => defaultKeyring.delete(profileName));
