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
