// npm test: the whole suite on redis-server from PATH (Debian's 7.0.15 on CI), then the test
// files that start a real server again on Redis 7.4.1 and Valkey 8.0.1, built from
// ../shared/vendor (scripts/test-servers.mjs). A server that is missing or does not build
// fails its run, with how to get it; it never turns into a skip. The last line sums up
// every run and the exit code is non-zero when any run failed: vitest's own "Tests" line
// only speaks for the run above it.
//   npm test                     all three runs
//   npm test -- test/redis       only files matching the filters, on all three servers
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extraServers, SERVER_ENV, serverLabel, serverTestFiles } from './test-servers.mjs';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const vitest = join(root, 'node_modules/.bin/vitest');
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('-'));
const options = args.filter((a) => a.startsWith('-'));
const scratch = mkdtempSync(join(tmpdir(), 'redis-warden-test-'));

function vitestRun(label, env, files) {
  const report = join(scratch, `run-${runs.length}.json`);
  console.log(`\n--> npm test: ${label}`);
  const started = Date.now();
  const r = spawnSync(
    vitest,
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...options, ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  let counts = { passed: 0, failed: 0, skipped: 0, failedFiles: 0 };
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    counts = {
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
      failedFiles: json.testResults.filter((f) => f.status === 'failed').length,
    };
  } catch {
    // No report: vitest stopped before the tests (a global setup error, say); the exit code tells.
  }
  runs.push({
    label,
    ok: r.status === 0,
    code: r.status ?? r.signal,
    seconds: (Date.now() - started) / 1000,
    ...counts,
  });
}

const runs = [];
// Resolved first so a server that needs building says so before twenty minutes of tests.
const extras = extraServers(root);
for (const s of extras) {
  if (s.problem) console.error(`npm test: ${s.problem}`);
  else if (s.built) console.log(`npm test: built ${s.label} in ${s.built} s (cached for next time)`);
}

const serverFiles = serverTestFiles(root).filter(
  (f) => filters.length === 0 || filters.some((p) => f.includes(p)),
);
const defaultLabel = serverLabel('redis-server') ?? 'redis-server (not found on PATH)';
vitestRun(
  `${filters.length ? 'matching files' : 'all test files'} on ${defaultLabel} (redis-server on PATH)`,
  { [SERVER_ENV]: '' },
  filters,
);
for (const s of extras) {
  const label = `${serverFiles.length} server test files on ${s.label ?? s.name}`;
  if (s.problem) {
    console.log(`\n--> npm test: ${label}\nFAILED: ${s.problem}`);
    runs.push({
      label,
      ok: false,
      code: 'no server',
      seconds: 0,
      passed: 0,
      failed: 0,
      skipped: 0,
      failedFiles: 0,
    });
  } else if (serverFiles.length === 0) {
    console.log(
      `\n--> npm test: no server test file matches ${filters.join(' ')}; nothing to run on ${s.label}`,
    );
  } else {
    vitestRun(label, { [SERVER_ENV]: s.path }, serverFiles);
  }
}
rmSync(scratch, { recursive: true, force: true });

console.log('\n--> npm test: summary');
// No banner here is framed in '=' (pytest's closing line is '=== N passed in T ===': CI's
// reader took '=== npm test: summary ===' for a pytest run that ran no test) and no line a
// run reads as a runner's closing line (no 'ok' first, no 'N passed, N failed'): CI reads
// only the last line below.
for (const r of runs) {
  const why = r.ok ? '' : `FAILED (${r.code === 'no server' ? 'server missing' : `exit ${r.code}`}): `;
  const failed = r.failed ? `; tests that FAILED: ${r.failed}` : '';
  const files = r.failedFiles ? `; files that FAILED: ${r.failedFiles}` : '';
  const skipped = r.skipped ? `; tests skipped: ${r.skipped}` : '';
  console.log(
    `  ${why}${r.label}: tests that passed: ${r.passed}${failed}${files}${skipped} (${Math.round(r.seconds)} s)`,
  );
}
const sum = (key) => runs.reduce((n, r) => n + r[key], 0);
const bad = runs.filter((r) => !r.ok).length;
const seconds = Math.round(sum('seconds'));
console.log(
  `${runs.length} runs in ${seconds} s` + (bad ? `; ${bad} run${bad === 1 ? '' : 's'} FAILED` : ''),
);
// Last, alone on its line, in the plain form CI reads: every run's tests summed.
console.log(
  `Tests: ${sum('passed')} passed, ${sum('failed')} failed` +
    `${sum('skipped') ? `, ${sum('skipped')} skipped` : ''}`,
);
process.exitCode = bad ? 1 : 0;
