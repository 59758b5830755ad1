// The README names every key binding and every subcommand, so it cannot drift from the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../src/cli.js';
import { BINDINGS } from '../src/ui/keymap/bindings.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

const paths = (cmd: Command, prefix: string[] = []): string[][] =>
  cmd.commands.flatMap((c) => [[...prefix, c.name()], ...paths(c, [...prefix, c.name()])]);

describe('README', () => {
  it('describes every key binding', () => {
    for (const b of BINDINGS.filter((b) => !b.id.startsWith('pane.')))
      expect(readme, b.id).toContain(b.description);
  });
  it('names every subcommand and every option of the program', () => {
    const program = buildProgram();
    for (const p of paths(program)) expect(readme, p.join(' ')).toContain(`redis-warden ${p.join(' ')}`);
    for (const o of program.options.filter((o) => !o.hidden)) {
      expect(
        [o.long, o.short].some((f) => f && readme.includes(`\`${f}`)),
        o.flags,
      ).toBe(true);
    }
  });
  it('states the two set-up commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
});
