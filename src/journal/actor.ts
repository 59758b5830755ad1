import os from 'node:os';

// os.userInfo() throws when the uid has no passwd entry (containers, some bastion
// setups with central auth); the journal must still be writable then.
export function currentActor(): string {
  try {
    const name = os.userInfo().username;
    if (name) return name;
  } catch {
    // fall through to the environment
  }
  const fromEnv = process.env.USER ?? process.env.LOGNAME ?? process.env.USERNAME;
  if (fromEnv) return fromEnv;
  const uid = process.getuid?.();
  return uid === undefined ? 'unknown' : `uid:${uid}`;
}
