import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL =
  'openssl is required for the certificate tests: apt-get install openssl (Debian/Ubuntu), brew install openssl (macOS)';

let checked = false;

/** Runs the openssl CLI; a missing binary fails the test with the install hint, never skips it. */
export function openssl(args: string[], input?: string): string {
  if (!checked) {
    try {
      execFileSync('openssl', ['version'], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`${INSTALL} (${(error as Error).message})`, { cause: error });
    }
    checked = true;
  }
  return execFileSync('openssl', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Writes named PEM texts to a scratch dir for the duration of `use`. */
export function withPemFiles<T>(files: Record<string, string>, use: (paths: Record<string, string>) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'redis-warden-openssl-'));
  try {
    const paths: Record<string, string> = {};
    for (const [name, content] of Object.entries(files)) {
      paths[name] = join(dir, name);
      writeFileSync(paths[name], content);
    }
    return use(paths);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
