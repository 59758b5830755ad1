// The server's acl-pubsub-default: the channels a new user, a new selector and `reset` start
// with. The rule validator needs it (on `allchannels` a user's `&pattern` is refused unless
// `resetchannels` comes first), so acl plan and the rule editor read it with the users.
import type { PubsubDefault } from '../domain/acl/rules-context.js';
import { explain } from './errors.js';
import type { NodeConnection } from './node.js';
import { parseConfigGet } from './parse/acl.js';

/** CONFIG GET acl-pubsub-default; undefined when the console's user may not ask (SEC003). */
export async function pubsubDefault(node: NodeConnection): Promise<PubsubDefault | undefined> {
  let reply: unknown;
  try {
    reply = await node.call('CONFIG', ['GET', 'acl-pubsub-default']);
  } catch (err) {
    if (explain(err).code === 'SEC003') return undefined;
    throw err;
  }
  const value = parseConfigGet(reply).get('acl-pubsub-default');
  if (value === 'allchannels' || value === 'resetchannels') return value;
  throw new Error(
    `CONFIG GET acl-pubsub-default: ${value === undefined ? 'the server did not return it' : 'neither allchannels nor resetchannels'}`,
  );
}
