// Sits between the terminal and Ink: hands Ink one key at a time (see key-units.ts), one per
// turn of the event loop. Ink reads until read() says null and handles every key at once,
// before React renders; a key that switches the pane (or opens a view) must be rendered
// before the next one is handled, or a burst like `3/cmd=get⏎` (SSH type-ahead, a paste,
// tmux send-keys) reaches the pane it left. Between two turns React commits the update of
// the last key (the store's updates render in a microtask).
// Implements just what Ink uses of stdin: isTTY, setRawMode, setEncoding, ref/unref,
// 'readable' and read().
import { EventEmitter } from 'node:events';
import { keyUnits } from './key-units.js';

export class KeyStream extends EventEmitter {
  readonly isTTY: boolean;
  private queue: string[] = [];
  private attached = false;
  /** A key went out this turn: the next waits for the next turn. */
  private handedOut = false;

  constructor(private readonly real: NodeJS.ReadStream) {
    super();
    this.isTTY = Boolean(real.isTTY);
  }

  private readonly onReadable = (): void => {
    let chunk: string | Buffer | null;
    while ((chunk = this.real.read() as string | Buffer | null) !== null)
      this.queue.push(...keyUnits(chunk.toString()));
    if (this.queue.length) this.emit('readable');
  };

  setRawMode(on: boolean): this {
    this.real.setRawMode?.(on);
    if (on && !this.attached) {
      this.real.on('readable', this.onReadable);
      this.attached = true;
    } else if (!on && this.attached) {
      this.real.off('readable', this.onReadable);
      this.attached = false;
    }
    return this;
  }

  setEncoding(encoding: BufferEncoding): this {
    this.real.setEncoding(encoding);
    return this;
  }

  read(): string | null {
    if (this.handedOut) return null;
    const key = this.queue.shift();
    if (key === undefined) return null;
    this.handedOut = true;
    setImmediate(() => {
      this.handedOut = false;
      if (this.queue.length) this.emit('readable');
    });
    return key;
  }

  ref(): this {
    this.real.ref();
    return this;
  }

  unref(): this {
    this.real.unref();
    return this;
  }

  pause(): this {
    this.real.pause();
    return this;
  }

  resume(): this {
    this.real.resume();
    return this;
  }
}
