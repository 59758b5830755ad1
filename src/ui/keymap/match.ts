// Ink's (input, key) -> one key name as written in the bindings table.
import type { Key } from 'ink';
import type { Binding } from './bindings.js';

export function keyName(input: string, key: Key): string {
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.escape) return 'escape';
  if (key.return) return 'return';
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.backspace) return 'backspace';
  if (key.delete) return 'delete';
  if (input === ' ') return 'space';
  return input;
}

export function match(bindings: readonly Binding[], name: string): Binding | undefined {
  return bindings.find((b) => b.keys.includes(name));
}

/** How a key is written for people: "ctrl+c" -> "Ctrl-C", "return" -> "Enter". */
export function keyLabel(k: string): string {
  const names: Record<string, string> = {
    return: 'Enter',
    escape: 'Esc',
    tab: 'Tab',
    'shift+tab': 'Shift-Tab',
    up: '↑',
    down: '↓',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    home: 'Home',
    end: 'End',
    space: 'Space',
  };
  if (names[k]) return names[k];
  if (k.startsWith('ctrl+')) return `Ctrl-${k.slice(5).toUpperCase()}`;
  return k;
}

const KEY_FLAGS: Record<string, keyof Key | undefined> = {
  tab: 'tab',
  escape: 'escape',
  return: 'return',
  up: 'upArrow',
  down: 'downArrow',
  left: 'leftArrow',
  right: 'rightArrow',
  pageup: 'pageUp',
  pagedown: 'pageDown',
  home: 'home',
  end: 'end',
  backspace: 'backspace',
  delete: 'delete',
};

/**
 * The inverse of keyName: what Ink would hand the key handler for a key as written in the
 * table. The palette runs a command by handing its key to the same handler a keypress reaches.
 */
export function keyInput(name: string): [string, Key] {
  // Only the flags set: every other field reads as unset, as for a plain letter.
  const key = (flags: Partial<Record<keyof Key, boolean>>) => flags as Key;
  if (name === 'shift+tab') return ['', key({ tab: true, shift: true })];
  if (name.startsWith('ctrl+')) return [name.slice(5), key({ ctrl: true })];
  const flag = KEY_FLAGS[name];
  if (flag) return ['', key({ [flag]: true })];
  return [name === 'space' ? ' ' : name, key({})];
}
