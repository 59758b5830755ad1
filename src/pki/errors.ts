/** Every failure in src/pki surfaces as this, with a message an operator can act on. */
export class PkiError extends Error {
  override readonly name = 'PkiError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
