// Test-only: REDIS_WARDEN_CRASH_AT=<point> makes the process SIGKILL itself at that point, so
// the kill -9 tests (test/commands/incident-kill.test.ts) land exactly between two writes
// instead of racing a timer. Unset (always, outside tests) it does nothing.

/** The points the incident flow names: each sits between two things a crash must not tear. */
export type CrashPoint =
  | 'evidence-artefact' // an evidence file written, the manifest not yet
  | 'action-pending' // the pending action saved, nothing sent yet
  | 'action-sent' // the write sent and answered, its result not yet saved
  | 'later-evidence'; // a MONITOR sample's or the key space's files written, their manifest not yet

export function crashPoint(name: CrashPoint): void {
  if (process.env.REDIS_WARDEN_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
