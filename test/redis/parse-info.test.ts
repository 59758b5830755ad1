// INFO is read as bytes: a field that is not UTF-8 keeps its byte (shown \xff), never U+FFFD.
import { describe, expect, it } from 'vitest';
import { toDisplay } from '../../src/domain/display.js';
import { infoText, parseInfo, serverFacts } from '../../src/redis/parse/info.js';

describe('infoText', () => {
  it('keeps a byte that is not UTF-8 in the version and the role', () => {
    const reply = Buffer.concat([
      Buffer.from('# Server\r\nredis_version:7.0.'),
      Buffer.from([0xff]),
      Buffer.from('\r\n# Replication\r\nrole:mas'),
      Buffer.from([0xfe]),
      Buffer.from('ter\r\n'),
    ]);
    const facts = serverFacts(parseInfo(infoText(reply)));
    expect(toDisplay(facts.version)).toBe('7.0.\\xff');
    expect(toDisplay(facts.role)).toBe('mas\\xfeter');
    expect(facts.version).not.toContain('\ufffd');
  });
});
