// What the benches give Ink in place of a terminal (as ink-testing-library does).
import { EventEmitter } from 'node:events';

/** ink-testing-library's stdin: what Ink (and the console's KeyStream) use of a TTY. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  data = null;
  write = (data) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}
