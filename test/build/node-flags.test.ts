// The console's V8 flags (scripts/node-flags.mjs) are given in two places that cannot import
// them: the installed binary's shebang and `npm start` (the benches import them). They must agree.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build helper, no types
import { NODE_FLAGS } from '../../scripts/node-flags.mjs';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const flags = (NODE_FLAGS as string[]).join(' ');

describe('the V8 flags the console runs with', () => {
  it('are in the shebang of bin/redis-warden.js and in npm start', () => {
    expect(flags).not.toBe('');
    expect(read('bin/redis-warden.js').split('\n')[0]).toBe(`#!/usr/bin/env -S node ${flags}`);
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toContain(`node ${flags} bin/redis-warden.js`);
  });
});
