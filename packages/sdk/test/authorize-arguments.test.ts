import { afterEach, describe, expect, it } from 'vitest';
import { encodePassword, OmniClient } from '../src/index.js';
import { T0, tokenData } from './support/fake-fetch.js';
import { type LocalServer, sendJson, startLocalServer } from './support/local-server.js';

/**
 * authorize's arguments over real HTTP. A missing password threw "Cannot read properties of
 * undefined" from deep inside, a number went out as `"password": ""` and came back as a wrong
 * password, and a non-ASCII password was cut to the low byte of each character (`p€ss` and `p¬ss`
 * sent the same Base64). Now each is a TypeError naming the argument, before any request.
 */
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const data = tokenData('t', T0 + 8 * 3600_000);
  server = await startLocalServer((_, res) => sendJson(res, 200, data));
  return { client: new OmniClient({ baseUrl: server.url, systemKey: 'k' }), received: server.received };
}

type LooseAuthorize = (...args: unknown[]) => Promise<unknown>;

describe('authorize arguments', () => {
  it.each([
    [[], /authorize: user_name must be a non-empty string; got undefined/],
    [[''], /authorize: user_name must be a non-empty string; got an empty string/],
    [[42, 'pw'], /authorize: user_name must be a non-empty string; got number/],
    [['agent1'], /authorize: password must be a non-empty string; got undefined/],
    [['agent1', 123456], /authorize: password must be a non-empty string; got number/],
    [['agent1', null], /authorize: password must be a non-empty string; got null/],
    [['agent1', ''], /authorize: password must be a non-empty string; got an empty string/],
  ])('authorize(...%j) is a TypeError naming the argument, and nothing is sent', async (args, message) => {
    const { client, received } = await start();
    const error = await (client.authorize as unknown as LooseAuthorize)(...args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
    expect(received).toHaveLength(0);
  });

  it.each(['p€ss', 'p¬ss', 'pässword1', 'emoji🙂'])(
    'a non-ASCII password (%j) is refused, never cut down to another password',
    async (password) => {
      const { client, received } = await start();
      const error = await client.authorize('agent1', password).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/^authorize: the password must be ASCII/);
      // The message says where, never what: a password does not belong in a log.
      expect((error as Error).message).not.toContain(password);
      expect(received).toHaveLength(0);
    },
  );

  it('an ASCII password goes out as the Base64 of its bytes', async () => {
    const { client, received } = await start();
    const printable = ' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~';
    await client.authorize('agent1', printable);
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({
      user_name: 'agent1',
      password: Buffer.from(printable, 'ascii').toString('base64'),
    });
    expect(encodePassword(printable)).toBe(Buffer.from(printable, 'ascii').toString('base64'));
  });

  it('a credentials callback that hands back a non-ASCII password fails the refresh without sending it', async () => {
    const { client, received } = await start();
    const session = client.restoreSession(tokenData('old', Date.now() - 60_000), {
      credentials: () => ({ password: 'pässword' }),
    });
    await expect(client.withSession(session).users.list()).rejects.toThrow(/authorize: the password must be ASCII/);
    expect(received).toHaveLength(0);
  });
});
