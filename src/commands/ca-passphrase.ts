// The passphrase of an encrypted CA key, for certs generate and certs renew: from stdin
// (--ca-key-pass-stdin) or a prompt that shows nothing; undefined when the key is not encrypted.
// It is handed to src/pki, which decrypts in memory: never printed, stored or journaled.
import { readUserFile } from '../fs/user-files.js';
import { PKI_FILE_LIMIT } from '../ops/certs-check.js';
import { isEncryptedKey } from '../pki/pem.js';
import { interactive, UsageError } from './context.js';
import { lineFromStdin } from './stdin-line.js';

export async function caKeyPassphrase(keyPath: string, fromStdin: boolean): Promise<string | undefined> {
  if (fromStdin) {
    const line = await lineFromStdin(64 * 1024);
    if (!line) throw new UsageError('--ca-key-pass-stdin: no passphrase on stdin (an empty line)');
    return line;
  }
  if (!isEncryptedKey(readUserFile(keyPath, PKI_FILE_LIMIT).toString('utf8'))) return undefined;
  if (!interactive())
    throw new UsageError(`${keyPath} is encrypted: pipe its passphrase with --ca-key-pass-stdin`);
  const { promptSecret } = await import('../profiles/prompt.js');
  return promptSecret(`Passphrase for ${keyPath} (not shown): `, { mask: '' });
}
