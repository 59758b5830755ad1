/** The first line of stdin (a pipe: `printf %s "$SECRET" |`), read up to `maxChars`; never echoed. */
export function lineFromStdin(maxChars: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = '';
    const stdin = process.stdin;
    stdin.setEncoding('utf8');
    const done = () => {
      stdin.removeListener('data', onData);
      stdin.pause();
      resolve(text.split(/\r?\n/)[0] ?? '');
    };
    const onData = (chunk: string | Buffer) => {
      text += String(chunk);
      if (text.includes('\n') || text.length > maxChars) done();
    };
    stdin.on('data', onData);
    stdin.once('end', done);
    stdin.once('error', reject);
    stdin.resume();
  });
}
