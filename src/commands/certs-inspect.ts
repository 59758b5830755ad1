// `redis-warden certs inspect FILE... [--host H] [--ca F] [--json]`: certificate and key files
// judged (src/ops/certs-inspect.ts). Exit 0 nothing wrong, 1 a problem found (an error, or a
// warning such as expiring), 2 a file that cannot be read or holds no certificate or key.
// A key file's content is never printed: its type, and the certificate it belongs to.
import { DEFAULT_WARN_DAYS, problemsExit } from '../domain/certs/judge.js';
import { toDisplay } from '../domain/display.js';
import { UserFileError } from '../fs/user-files.js';
import { inspectFiles } from '../ops/certs-inspect.js';
import { PkiError } from '../pki/errors.js';
import { UsageError } from './context.js';
import { inspectText } from './certs-text.js';
import { print, printJson } from './output.js';

export interface CertsInspectFlags {
  host?: string;
  ca?: string;
  json?: boolean;
  warnDays?: string;
}

/** The --json document's version: a field removed or renamed bumps it. */
export const CERTS_JSON_VERSION = 1;

export function warnDaysOf(flags: { warnDays?: string }): number {
  if (flags.warnDays === undefined) return DEFAULT_WARN_DAYS;
  const n = Number(flags.warnDays);
  if (!/^\d+$/.test(flags.warnDays) || n > 3650)
    throw new UsageError(`--warn-days: "${flags.warnDays}" is not a number of days from 0 to 3650`);
  return n;
}

/** A file that cannot be used is bad input (exit 2), said with the path and why, never its content. */
export async function fileInput<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof UserFileError || err instanceof PkiError) throw new UsageError(err.message);
    throw err;
  }
}

export async function certsInspect(files: string[], flags: CertsInspectFlags): Promise<number> {
  if (files.length === 0) throw new UsageError('name at least one certificate or key file');
  const warnDays = warnDaysOf(flags);
  const report = await fileInput(() =>
    inspectFiles(files, {
      ...(flags.host !== undefined && { host: flags.host }),
      ...(flags.ca !== undefined && { caPath: flags.ca }),
      warnDays,
    }),
  );
  const exit = problemsExit(report.problems);
  if (flags.json) printJson({ version: CERTS_JSON_VERSION, exit, ...report });
  else print([...inspectText(report), `Exit ${exit}.`].map((l) => toDisplay(l)).join('\n'));
  return exit;
}
