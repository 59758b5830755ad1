// A deployment's certificates (a CA, 6 node certificates, 3 client certificates, ECDSA P-256)
// generated, written (0600 keys, 0644 certificates) and verified from disk by
// `redis-warden certs generate --deployment`, a fresh process each run, median of N wall
// times (issue 15: at most 1 s), beside the same work done by `openssl` in a shell loop (the
// seed's recipe with SANs and EKUs added: genpkey, req, x509 -req, verify per certificate).
// Run after `npm run build`: `node bench/certs.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_CERTS_RUNS ?? 7);
const root = fileURLToPath(new URL('..', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const NODES = Array.from({ length: 6 }, (_, i) => `10.0.0.${i + 1}:6379`);
const USERS = ['app', 'worker', 'report'];

function timed(run) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-certs-'));
    const t0 = performance.now();
    const r = run(join(dir, 'out'));
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`failed (${r.status}): ${r.stderr}`);
    rmSync(dir, { recursive: true, force: true });
  }
  return median(times);
}

const warden = (out) =>
  spawnSync(
    'node',
    [
      join(root, 'bin/redis-warden.js'),
      'certs',
      'generate',
      '--deployment',
      '--out',
      out,
      '--node',
      ...NODES,
      '--app-user',
      ...USERS,
      '--yes',
    ],
    { encoding: 'utf8', env: { ...process.env, REDISCLI_AUTH: '' } },
  );

const leaf = (name, cn, ext) => `
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ${name}.key 2>/dev/null
openssl req -new -key ${name}.key -subj "/CN=${cn}" -out ${name}.csr
printf '%s\\n' ${ext.map((l) => `'${l}'`).join(' ')} > ${name}.ext
openssl x509 -req -in ${name}.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -sha256 -extfile ${name}.ext -out ${name}.crt 2>/dev/null
openssl verify -CAfile ca.crt ${name}.crt >/dev/null
chmod 600 ${name}.key; chmod 644 ${name}.crt; rm ${name}.csr ${name}.ext`;

const script = [
  'set -e',
  'mkdir -m 700 "$1" && cd "$1"',
  'openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null',
  'openssl req -x509 -new -key ca.key -subj "/CN=Redis CA" -days 3650 -sha256 -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt',
  'chmod 600 ca.key; chmod 644 ca.crt',
  ...NODES.map((n, i) =>
    leaf(`node-${i + 1}`, n.split(':')[0], [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth,clientAuth',
      `subjectAltName=IP:${n.split(':')[0]},DNS:localhost,IP:127.0.0.1`,
    ]),
  ),
  ...USERS.map((u) =>
    leaf(u, u, [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=clientAuth',
    ]),
  ),
].join('\n');

const opensslLoop = (out) => spawnSync('sh', ['-c', script, 'sh', out], { encoding: 'utf8' });

const w = timed(warden);
const o = timed(opensslLoop);
console.log(
  `certs generate --deployment (CA + 6 nodes + 3 clients, P-256, written and verified): median ${w.toFixed(0)} ms (target <= 1000)`,
);
console.log(
  `the same with openssl in a shell loop (genpkey, req, x509 -req, verify): median ${o.toFixed(0)} ms`,
);
