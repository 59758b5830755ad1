import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NeedsInputError, PromptAbortedError } from '../../src/profiles/errors.js';
import { promptSecret } from '../../src/profiles/prompt.js';

class FakeTty extends PassThrough {
  isTTY = true;
  isRaw = false;
  rawCalls: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    this.rawCalls.push(mode);
    return this;
  }
}

function setup(mask?: string) {
  const input = new FakeTty();
  let shown = '';
  const output = { write: (t: string) => (shown += t) };
  const answer = promptSecret('Password: ', { input, output, ...(mask !== undefined && { mask }) });
  return { input, answer, shown: () => shown };
}

describe('promptSecret', () => {
  it('reads a masked line in raw mode and restores the terminal', async () => {
    const { input, answer, shown } = setup();
    input.write('s3');
    input.write('cr3t\r');
    await expect(answer).resolves.toBe('s3cr3t');
    expect(shown()).toBe('Password: ******\n');
    expect(input.rawCalls).toEqual([true, false]);
    expect(input.listenerCount('data')).toBe(0);
  });

  it('handles backspace, Ctrl-U and ignores arrow keys and other controls', async () => {
    const { input, answer } = setup('');
    input.write('abX\u007fc\u001b[D\u001bOA\u0001d\nignored-after-enter');
    await expect(answer).resolves.toBe('abcd');
    const again = setup();
    again.input.write('wrong\u0015rixx\u0008\u0008ght\r');
    await expect(again.answer).resolves.toBe('right');
  });

  it('echoes nothing when the mask is empty', async () => {
    const { input, answer, shown } = setup('');
    input.write('hidden\r');
    await answer;
    expect(shown()).toBe('Password: \n');
  });

  it('keeps multi-byte characters whole, and pasted text with bracketed paste markers', async () => {
    const { input, answer } = setup();
    input.write('\u001b[200~pä55 wörd🔑\u001b[201~\r');
    await expect(answer).resolves.toBe('pä55 wörd🔑');
  });

  it('aborts on Ctrl-C and on Ctrl-D at an empty line, restoring raw mode', async () => {
    const c = setup();
    c.input.write('abc\u0003');
    await expect(c.answer).rejects.toBeInstanceOf(PromptAbortedError);
    expect(c.input.isRaw).toBe(false);
    const d = setup();
    d.input.write('\u0004');
    await expect(d.answer).rejects.toThrow(/Ctrl-D/);
  });

  it('aborts when the input ends before Enter', async () => {
    const { input, answer } = setup();
    input.write('abc');
    input.end();
    await expect(answer).rejects.toThrow(/input closed/);
  });

  it('restores a terminal that was already raw (inside the TUI) to raw', async () => {
    const { input, answer } = (() => {
      const input = new FakeTty();
      input.isRaw = true;
      return { input, answer: promptSecret('pw: ', { input, output: { write: () => true } }) };
    })();
    input.write('x\r');
    await answer;
    expect(input.rawCalls).toEqual([true, true]);
  });

  it('refuses to wait without a TTY', async () => {
    const input = new PassThrough() as PassThrough & { isTTY?: boolean };
    const err = await promptSecret('pw: ', { input, output: { write: () => true } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NeedsInputError);
    expect((err as Error).message).toContain(
      'set REDISCLI_AUTH, use --pass, or give the profile a password source (env/file/keyring)',
    );
  });
});
