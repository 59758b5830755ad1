// Error classes whose messages are meant for the operator as-is: they name the profile,
// the file or the variable, and what to do. None of them ever carries a secret.

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

/** A password source could not produce a password (unset variable, missing file...). */
export class SecretSourceError extends Error {
  override readonly name = 'SecretSourceError';
}

/**
 * A secret is needed but there is no terminal to ask on (headless command, piped stdin).
 * Headless commands must fail fast with this instead of waiting on a prompt.
 */
export class NeedsInputError extends Error {
  override readonly name = 'NeedsInputError';
}

/** The operator pressed Ctrl-C (or Ctrl-D on an empty line) at a secret prompt. */
export class PromptAbortedError extends Error {
  override readonly name = 'PromptAbortedError';
}

/** The OS keyring could not store, read or delete a secret. */
export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}
