// `redis-warden certs inspect` and `certs check` beside what an operator runs instead: the
// guide's three openssl checks (x509 -dates/-text, verify, the key's public half) and
// `openssl s_client` against a live TLS server. The built CLI as cron runs it, a fresh process,
// median of N wall times. After `npm run build`: `node bench/certs-inspect.mjs`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.mjs';

const RUNS = Number(process.env.BENCH_CERTS_RUNS ?? 9);
const root = fileURLToPath(new URL('..', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, env: { ...process.env, REDISCLI_AUTH: '' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}
const timed = (steps) => {
  const t0 = performance.now();
  for (const [cmd, args, input] of steps) run(cmd, args, input);
  return performance.now() - t0;
};

function makeCerts(dir) {
  const f = (n) => join(dir, n);
  writeFileSync(
    f('ext.cnf'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n',
  );
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-subj',
    '/CN=Bench CA',
    '-days',
    '3650',
  ]);
  run('openssl', ['req', ...ec, '-keyout', f('redis.key'), '-out', f('redis.csr'), '-subj', '/CN=localhost']);
  run('openssl', [
    'x509',
    '-req',
    '-in',
    f('redis.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-out',
    f('redis.crt'),
    '-days',
    '365',
    '-extfile',
    f('ext.cnf'),
  ]);
  return f;
}

export async function certsBench() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-certs-'));
  const f = makeCerts(dir);
  const port = await freePort();
  const server = spawn(
    'redis-server',
    [
      '--port',
      '0',
      '--tls-port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--dir',
      dir,
      '--tls-cert-file',
      f('redis.crt'),
      '--tls-key-file',
      f('redis.key'),
      '--tls-ca-cert-file',
      f('ca.crt'),
      '--tls-auth-clients',
      'no',
    ],
    { stdio: 'ignore' },
  );
  try {
    const bin = join(root, 'bin/redis-warden.js');
    const inspect = [
      [
        'node',
        [
          bin,
          'certs',
          'inspect',
          f('redis.crt'),
          f('redis.key'),
          '--ca',
          f('ca.crt'),
          '-h',
          '127.0.0.1',
          '--json',
        ],
      ],
    ];
    const osslFiles = [
      ['openssl', ['x509', '-in', f('redis.crt'), '-noout', '-dates', '-text']],
      ['openssl', ['verify', '-CAfile', f('ca.crt'), f('redis.crt')]],
      ['openssl', ['pkey', '-in', f('redis.key'), '-pubout']],
      ['openssl', ['x509', '-in', f('redis.crt'), '-noout', '-pubkey']],
    ];
    const check = [
      [
        'node',
        [bin, 'certs', 'check', '-h', '127.0.0.1', '-p', String(port), '--cacert', f('ca.crt'), '--json'],
      ],
    ];
    const sClient = [
      [
        'openssl',
        [
          's_client',
          '-connect',
          `127.0.0.1:${port}`,
          '-CAfile',
          f('ca.crt'),
          '-verify_return_error',
          '-brief',
        ],
        '',
      ],
    ];
    for (let i = 0; i < 50; i++) {
      try {
        timed(check);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100)); // the server is still starting
      }
    }
    const rows = [inspect, osslFiles, check, sClient].map((steps) =>
      median(Array.from({ length: RUNS }, () => timed(steps))),
    );
    console.log(`certs (median of ${RUNS}, wall time of the processes):`);
    console.log(`  certs inspect (cert, key, --ca, -h):     ${rows[0].toFixed(0)} ms`);
    console.log(`  openssl x509 + verify + 2 pubkey (4x):   ${rows[1].toFixed(0)} ms`);
    console.log(`  certs check (live handshake):            ${rows[2].toFixed(0)} ms`);
    console.log(`  openssl s_client -brief:                 ${rows[3].toFixed(0)} ms`);
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await certsBench();
