// A masked password prompt on the controlling terminal. Headless runs (no TTY) fail
// at once with NeedsInputError: a script or CI job must never hang on a prompt.
import { NeedsInputError, PromptAbortedError } from './errors.js';

/** The parts of process.stdin the prompt uses (a fake TTY in tests). */
export interface SecretInput {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface SecretOutput {
  write(text: string): unknown;
}

export interface PromptOptions {
  input?: SecretInput;
  output?: SecretOutput;
  /** Echoed per character typed; '' echoes nothing. */
  mask?: string;
}

export const NEEDS_INPUT_HINT =
  'set REDISCLI_AUTH, use --pass, or give the profile a password source (env/file/keyring)';

export function promptSecret(question: string, options: PromptOptions = {}): Promise<string> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stderr;
  const mask = options.mask ?? '*';
  if (!input.isTTY || typeof input.setRawMode !== 'function') {
    return Promise.reject(
      new NeedsInputError(`a password is needed but there is no terminal to ask on: ${NEEDS_INPUT_HINT}`),
    );
  }
  const setRawMode = input.setRawMode.bind(input);
  const wasRaw = input.isRaw ?? false;

  return new Promise<string>((resolve, reject) => {
    let chars: string[] = [];
    // Escape sequences (arrow keys, bracketed paste markers) are swallowed, not typed.
    let escape: 'none' | 'esc' | 'csi' | 'ss3' = 'none';
    const finish = (err?: Error): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      input.removeListener('close', onEnd);
      input.removeListener('error', onError);
      setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      const value = chars.join('');
      chars = [];
      if (err) reject(err);
      else resolve(value);
    };
    const onEnd = (): void => finish(new PromptAbortedError('input closed before the password was entered'));
    const onError = (err: Error): void => finish(err);
    const onData = (chunk: string | Buffer): void => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (escape !== 'none') {
          if (escape === 'esc') escape = ch === '[' ? 'csi' : ch === 'O' ? 'ss3' : 'none';
          else if (escape === 'ss3' || (ch >= '@' && ch <= '~')) escape = 'none';
          continue;
        }
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new PromptAbortedError('password prompt cancelled (Ctrl-C)'));
        if (ch === '\u0004') {
          if (chars.length === 0) return finish(new PromptAbortedError('password prompt cancelled (Ctrl-D)'));
          continue;
        }
        if (ch === '\u007f' || ch === '\b') {
          if (chars.length > 0) {
            chars.pop();
            if (mask) output.write('\b \b');
          }
          continue;
        }
        if (ch === '\u0015') {
          // Ctrl-U: start again, as in a shell.
          if (mask) output.write('\b \b'.repeat(chars.length));
          chars = [];
          continue;
        }
        if (ch === '\u001b') {
          escape = 'esc';
          continue;
        }
        if (ch < ' ') continue;
        chars.push(ch);
        if (mask) output.write(mask);
      }
    };
    output.write(question);
    setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('close', onEnd);
    input.on('error', onError);
    input.resume();
  });
}
