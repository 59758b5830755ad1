// The real @napi-rs/keyring binding with no D-Bus session bus, as on a bastion host
// reached over SSH. Expected on Linux: the kernel keyring with the "until reboot" notice,
// or (where keyctl is blocked, e.g. Docker's default seccomp) a clear refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyringError } from '../../src/profiles/errors.js';
import {
  deleteFromKeyring,
  keyringStatus,
  readFromKeyring,
  storeInKeyring,
} from '../../src/profiles/keyring.js';

const NAME = `rw-test-${process.pid}-${Date.now()}`;
const SECRET = `real-keyring-secret-${Math.random().toString(36).slice(2)}`;

describe('keyring on this machine without a Secret Service', () => {
  let savedBus: string | undefined;
  beforeAll(() => {
    savedBus = process.env.DBUS_SESSION_BUS_ADDRESS;
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
  });
  afterAll(() => {
    if (savedBus !== undefined) process.env.DBUS_SESSION_BUS_ADDRESS = savedBus;
  });

  it('stores for real with an honest notice, or refuses clearly', async () => {
    const status = keyringStatus();
    expect(status.backend).not.toBe('secret-service');
    if (!status.available) {
      expect(status.reason).toMatch(/no usable keyring .*use an env or file password source/);
      await expect(storeInKeyring(NAME, SECRET)).rejects.toBeInstanceOf(KeyringError);
      return;
    }
    expect(status).toMatchObject({ backend: 'keyutils', persistent: false });
    try {
      const { backend, persistent, notice } = await storeInKeyring(NAME, SECRET);
      expect({ backend, persistent }).toEqual({ backend: 'keyutils', persistent: false });
      expect(notice).toMatch(
        /^No keyring daemon \(Secret Service\) here: the secret is kept in the kernel keyring and lasts until reboot/,
      );
      expect(notice).not.toContain(SECRET);
      await expect(readFromKeyring(NAME)).resolves.toBe(SECRET);
    } finally {
      await expect(deleteFromKeyring(NAME)).resolves.toBe(true);
    }
    await expect(readFromKeyring(NAME)).resolves.toBeUndefined();
    await expect(deleteFromKeyring(NAME)).resolves.toBe(false);
  });
});
