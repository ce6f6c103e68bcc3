import { afterEach, describe, expect, it } from 'vitest';
import { OmniClient } from '../src/index.js';
import { tokenData } from './support/fake-fetch.js';
import { type LocalServer, sendJson, startLocalServer } from './support/local-server.js';

/**
 * Path arguments over real HTTP. An id of `.` or `..` used to be sent as is, and the URL parser
 * folded it: `leads.delete('..')` went out as `DELETE /omni/`, `calls.hangup('..')` as
 * `POST /omni/voice/1/hangup`, each answered by whatever lived there. Ids are integers (A.3, B.1):
 * anything else is a TypeError before any request; a file name is any text but `.` and `..`.
 */
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  server = await startLocalServer((_, res) => sendJson(res, 200, { success: true, detail: 'ok' }));
  const client = new OmniClient({ baseUrl: server.url, systemKey: 'k', validateResponses: false, maxRetries: 0 });
  return {
    agent: client.agent(client.restoreSession(tokenData('t', Date.now() + 3600_000))),
    received: server.received,
  };
}

type Loose = (...args: unknown[]) => Promise<unknown>;
const loose = (method: unknown) => method as Loose;

describe('path ids', () => {
  it.each([
    ['..'],
    ['.'],
    ['%2e%2e'],
    ['1.5'],
    ['-1'],
    ['1e21'],
    [' 7'],
    ['7/hold'],
    [1.5],
    [-1],
    [1e21],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [''],
    [null],
    [undefined],
    [{}],
  ])('refuses %j before any request, naming the argument', async (id) => {
    const { agent, received } = await start();
    const calls: [string, () => Promise<unknown>][] = [
      ['leads.delete: argument 1 (lead_id)', () => loose(agent.leads.delete)(id)],
      ['leads.update: argument 1 (lead_id)', () => loose(agent.leads.update)(id, { first_name: 'x' })],
      ['campaigns.get: argument 1 (campaign_id)', () => loose(agent.campaigns.get)(id)],
      ['calls.hangup: argument 1 (call_id)', () => loose(agent.calls.hangup)(id)],
      ['lists.leads: argument 1 (list_id)', () => loose(agent.lists.leads)(id)],
      ['conversations.close: argument 1 (conversation_id)', () => loose(agent.conversations.close)(id, {})],
    ];
    for (const [where, call] of calls) {
      expect(call, where).toThrow(TypeError);
      expect(call, where).toThrow(`${where} must be a whole number, 0 or more`);
    }
    expect(received).toHaveLength(0);
  });

  it('sends integer ids, as numbers or as strings of digits, to their own route', async () => {
    const { agent, received } = await start();
    await agent.leads.delete(351);
    await loose(agent.leads.delete)('351');
    await agent.calls.hangup(0);
    await loose(agent.campaigns.get)(String(Number.MAX_SAFE_INTEGER));
    await agent.lists.leads(2, { page: 1 });
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'DELETE /omni/lead/351',
      'DELETE /omni/lead/351',
      'POST /omni/voice/1/call/0/hangup',
      `GET /omni/campaign/${Number.MAX_SAFE_INTEGER}`,
      'GET /omni/list/2/leads?page=1',
    ]);
  });
});

describe('a recording’s file name', () => {
  it('is sent percent-encoded as one segment, dots included', async () => {
    const { agent, received } = await start();
    await agent.recordings.get('41_20260105080000.wav').catch(() => undefined);
    await agent.recordings.get('a/../b?c').catch(() => undefined);
    await agent.recordings.get('...').catch(() => undefined);
    expect(received.map((r) => r.url)).toEqual([
      '/omni/recording/41_20260105080000.wav',
      '/omni/recording/a%2F..%2Fb%3Fc',
      '/omni/recording/...',
    ]);
  });

  it.each(['.', '..', ''])('refuses %j, which would name another route', async (file) => {
    const { agent, received } = await start();
    expect(() => agent.recordings.get(file)).toThrow(
      'recordings.get: argument 1 (file) must be a non-empty string other than "." and ".."',
    );
    expect(received).toHaveLength(0);
  });
});
