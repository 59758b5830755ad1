// One server setting by CONFIG GET, for reads the console can do without: a user that may not
// ask gets undefined (and the caller says what it assumed). A denied CONFIG GET adds a NOPERM
// entry to ACL LOG itself: ask once per connection or read, not on every poll.
import type { PubsubDefault } from '../domain/acl/rules-context.js';
import { explain } from './errors.js';
import type { ReadNode } from './read-node.js';
import { parseConfigGet } from './parse/acl.js';

/** The value of `name`; undefined when the console's user may not CONFIG GET (SEC003). */
export async function configValue(node: ReadNode, name: string): Promise<string | undefined> {
  let reply: unknown;
  try {
    reply = await node.call('CONFIG', ['GET', name]);
  } catch (err) {
    if (explain(err).code === 'SEC003') return undefined;
    throw err;
  }
  const value = parseConfigGet(reply).get(name);
  if (value === undefined) throw new Error(`CONFIG GET ${name}: the server did not return it`);
  return value;
}

/**
 * acl-pubsub-default: the channels a new user, a new selector and `reset` start with. The
 * rule validator needs it (on `allchannels` a user's `&pattern` is refused unless
 * `resetchannels` comes first), so acl plan and the Users pane read it with the users.
 */
export async function pubsubDefault(node: ReadNode): Promise<PubsubDefault | undefined> {
  const value = await configValue(node, 'acl-pubsub-default');
  if (value === undefined || value === 'allchannels' || value === 'resetchannels') return value;
  throw new Error('CONFIG GET acl-pubsub-default: neither allchannels nor resetchannels');
}
