/** Every failure in src/pki surfaces as this, with a message an operator can act on. */
export class PkiError extends Error {
  override readonly name = 'PkiError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The key is encrypted and no passphrase was given: the caller asks for one (never stores it). */
export class PassphraseNeeded extends PkiError {
  constructor() {
    super('the private key is encrypted: a passphrase is needed');
  }
}
