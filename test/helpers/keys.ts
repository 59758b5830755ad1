// Pressing keys by command id: the bindings table says which key, this says which bytes.
import { bindingById } from '../../src/ui/keymap/bindings.js';

const BYTES: Record<string, string> = {
  return: '\r',
  escape: '\x1b',
  tab: '\t',
  'shift+tab': '\x1b[Z',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  space: ' ',
  backspace: '\x7f',
  'ctrl+c': '\x03',
  'ctrl+s': '\x13',
  'ctrl+u': '\x15',
};

export const bytesFor = (key: string): string => BYTES[key] ?? key;

export const keyOf = (commandId: string): string => bytesFor(bindingById(commandId).keys[0] ?? '');
