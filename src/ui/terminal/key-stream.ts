// Sits between the terminal and Ink: hands Ink one key at a time (see key-units.ts).
// Implements just what Ink uses of stdin: isTTY, setRawMode, setEncoding, ref/unref,
// 'readable' and read().
import { EventEmitter } from 'node:events';
import { keyUnits } from './key-units.js';

export class KeyStream extends EventEmitter {
  readonly isTTY: boolean;
  private queue: string[] = [];
  private attached = false;

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
    return this.queue.shift() ?? null;
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
