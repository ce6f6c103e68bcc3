/**
 * The recording and the report are meant to be committed: a credential under a name the contracts
 * never list (a gateway's `X-Api-Key`, `Proxy-Authorization`, an OAuth `access_token`, a session
 * cookie) is redacted as surely as the system key, over real HTTP, in both directions.
 *
 * @module
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRecordingLine } from '@omnikit/contracts/drift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { type ScriptedOmni, startScriptedOmni } from '../support/scripted-omni.js';

const SECRETS = [
  'pa-basic-c2VjcmV0OnBhc3M',
  'gw-api-key-8c1f',
  'oauth-access-77aa',
  'client-secret-19bd',
  '-----BEGIN KEY-----xyz',
  'jsession-0a9b8c7d',
  'connect-sid-5e6f',
  'query-token-4242',
  'server-session-31ab',
  'server-auth-token-9d9d',
];

describe('credentials under names the contracts do not list', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-creds-'));
  const record = join(dir, 'rec.jsonl');
  let omni: ScriptedOmni;
  let proxy: RunningProxy;

  beforeAll(async () => {
    omni = await startScriptedOmni(() => ({
      status: 200,
      headers: {
        'Set-Cookie': 'ASP.NET_SessionId=server-session-31ab; Path=/; HttpOnly',
        'X-Auth-Token': 'server-auth-token-9d9d',
      },
      body: { users: [], tokens: 'several', token_lifetime_seconds: 3600, secret_set: true },
    }));
    proxy = await startProxy({ target: new URL(omni.url), port: 0, record, say: () => {} });
  });

  afterAll(async () => {
    await proxy?.close();
    await omni?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('redacts them in the recording and the report, leaving the rest and every type as it was', async () => {
    const body = JSON.stringify({
      access_token: 'oauth-access-77aa',
      nested: { client_secret: 'client-secret-19bd', private_key: '-----BEGIN KEY-----xyz' },
      user_name: 'agent1',
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${proxy.url}/omni/users?access_token=query-token-4242&page=2`,
        {
          method: 'POST',
          agent: false,
          headers: {
            'Proxy-Authorization': 'Basic pa-basic-c2VjcmV0OnBhc3M',
            'X-Api-Key': 'gw-api-key-8c1f',
            Cookie: 'JSESSIONID=jsession-0a9b8c7d; theme=dark; connect.sid=connect-sid-5e6f',
            'Content-Type': 'application/json',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(200);
    // The target got every credential as sent: redaction is the recording's, never the traffic's.
    const got = omni.got.at(-1);
    expect(got?.rawHeaders).toContain('gw-api-key-8c1f');
    await proxy.settled();

    const text = readFileSync(record, 'utf8');
    const report = JSON.stringify(proxy.report());
    for (const secret of SECRETS) {
      expect(text, secret).not.toContain(secret);
      expect(report, secret).not.toContain(secret);
    }
    const [line] = text.trim().split('\n').map(parseRecordingLine);
    expect(line?.request.headers).toMatchObject({
      'proxy-authorization': 'Basic redacted:system-key:1',
      'x-api-key': 'redacted:other:1',
      cookie: 'JSESSIONID=redacted:other:2; theme=dark; connect.sid=redacted:other:3',
    });
    expect(line?.request.query).toEqual({ access_token: 'redacted:token:1', page: '2' });
    expect(line?.request.body).toEqual({
      access_token: 'redacted:token:2',
      nested: { client_secret: 'redacted:secret:1', private_key: 'redacted:other:4' },
      user_name: 'agent1',
    });
    expect(line?.response.headers).toMatchObject({
      'set-cookie': 'ASP.NET_SessionId=redacted:other:5; Path=/; HttpOnly',
      'x-auth-token': 'redacted:token:3',
    });
    // Names that merely contain a credential word, and values that are no text, stay.
    expect(line?.response.body).toEqual({
      users: [],
      tokens: 'several',
      token_lifetime_seconds: 3600,
      secret_set: true,
    });
  });
});

describe('Content-Length in a recording whose bodies redaction changed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-length-'));
  const record = join(dir, 'rec.jsonl');
  const answer = Buffer.from(
    JSON.stringify({
      user_id: 3,
      token_key: 'tk-0123456789abcdef0123456789abcdef',
      token_expiry_date: '2026-01-05T09:00:00Z',
    }),
  );
  const wav = Buffer.concat([Buffer.from('RIFF....WAVE session=sess-secret-value-42 '), Buffer.alloc(64, 1)]);
  let omni: ScriptedOmni;
  let proxy: RunningProxy;

  beforeAll(async () => {
    omni = await startScriptedOmni(({ url }) =>
      url.startsWith('/omni/recording/')
        ? { status: 200, headers: { 'Content-Type': 'audio/wav', 'Content-Length': String(wav.length) }, body: wav }
        : {
            status: 200,
            headers: { 'Content-Type': 'application/json', 'Content-Length': String(answer.length) },
            body: answer,
          },
    );
    proxy = await startProxy({ target: new URL(omni.url), port: 0, record, say: () => {} });
  });

  afterAll(async () => {
    await proxy?.close();
    await omni?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A request whose answer the test reads whole, with its Content-Length. */
  const send = (path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ length: string | undefined; body: Buffer }>((resolve, reject) => {
      const req = request(`${proxy.url}${path}`, { method: body ? 'POST' : 'GET', agent: false, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ length: res.headers['content-length'], body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('records the length of each body as recorded, and forwards the original lengths untouched', async () => {
    const login = JSON.stringify({
      user_name: 'agent1',
      password: Buffer.from('a long secret pass').toString('base64'),
    });
    const got = await send(
      '/omni/user/authorize',
      { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(login)) },
      login,
    );
    // What went over the wire is as it was, both ways.
    expect(got.length).toBe(String(answer.length));
    expect(got.body.equals(answer)).toBe(true);
    expect(omni.got.at(-1)?.body.toString()).toBe(login);
    expect(omni.got.at(-1)?.rawHeaders).toContain(String(Buffer.byteLength(login)));
    await send('/omni/recording/1_x.wav', { Cookie: 'session=sess-secret-value-42' });
    await proxy.settled();

    const [authorize, recording] = readFileSync(record, 'utf8').trim().split('\n').map(parseRecordingLine);
    expect(authorize?.request.body).toMatchObject({ password: expect.stringMatching(/^redacted:/) });
    expect(authorize?.request.headers['content-length']).toBe(
      String(Buffer.byteLength(JSON.stringify(authorize?.request.body))),
    );
    expect(authorize?.response.body).toMatchObject({ token_key: expect.stringMatching(/^redacted:/) });
    expect(authorize?.response.headers['content-length']).toBe(
      String(Buffer.byteLength(JSON.stringify(authorize?.response.body))),
    );
    // A binary body with a secret met inside it: the secret replaced, the length the new one.
    const bytes = Buffer.from(recording?.response.body_base64 ?? '', 'base64');
    expect(bytes.toString('latin1')).not.toContain('sess-secret-value-42');
    expect(recording?.response.headers['content-length']).toBe(String(bytes.length));
    expect(bytes.length).not.toBe(wav.length);
  });
});

describe('credentials in a body whose type does not say JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-text-bodies-'));
  const record = join(dir, 'rec.jsonl');
  const password = 'hunter2-long-enough';
  const token = 'tk-5f5f5f5f5f5f5f5f5f5f';
  let omni: ScriptedOmni;
  let proxy: RunningProxy;

  beforeAll(async () => {
    // A gateway in front of Omni that answers JSON as text/plain.
    omni = await startScriptedOmni(() => ({
      status: 200,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: Buffer.from(
        JSON.stringify({ user_id: 3, user_name: 'agent1', token_key: token, expiry_date: '2026-01-05T16:00:00.000Z' }),
      ),
    }));
    proxy = await startProxy({ target: new URL(omni.url), port: 0, record, say: () => {} });
  });

  afterAll(async () => {
    await proxy?.close();
    await omni?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: string, type: string | undefined) =>
    new Promise<Buffer>((resolve, reject) => {
      const headers: Record<string, string> = { Authorization: 'Key=sys-key-123456' };
      if (type !== undefined) headers['Content-Type'] = type;
      const req = request(`${proxy.url}${path}`, { method: 'POST', agent: false, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('keeps no password, token, client secret or phone number of a text/plain JSON, a form or an untyped body', async () => {
    const login = JSON.stringify({ user_name: 'agent1', password: Buffer.from(password).toString('base64') });
    // fetch's type for a string body; curl -d's type; and no type at all (a bare http.request).
    const answered = await post('/omni/user/authorize', login, 'text/plain;charset=UTF-8');
    expect(JSON.parse(answered.toString()).token_key).toBe(token);
    await post(
      '/oauth/token',
      `grant_type=client_credentials&client_secret=form-secret-7a7a&phone_number=%2B447700900123&note=a+b`,
      'application/x-www-form-urlencoded',
    );
    await post(
      '/omni/user/authorize',
      JSON.stringify({ user_name: 'agent2', password: 'c2Vjb25kLXNlY3JldA==' }),
      undefined,
    );
    await proxy.settled();
    // What went to the target is as it was.
    expect(omni.got[0]?.body.toString()).toBe(login);

    const text = readFileSync(record, 'utf8');
    for (const secret of [
      password,
      Buffer.from(password).toString('base64'),
      token,
      'form-secret-7a7a',
      '447700900123',
      'c2Vjb25kLXNlY3JldA==',
      'second-secret',
      'sys-key-123456',
    ])
      expect(text).not.toContain(secret);
    const [json, form, untyped] = text.trim().split('\n').map(parseRecordingLine);
    // The text stays text, its secrets placeholders; its recorded length its own.
    expect(JSON.parse(json?.request.body as string)).toEqual({ user_name: 'agent1', password: 'redacted:password:1' });
    expect(JSON.parse(json?.response.body as string)).toMatchObject({ user_id: 3, token_key: 'redacted:token:1' });
    expect(form?.request.body).toBe(
      'grant_type=client_credentials&client_secret=redacted:secret:1&phone_number=%2B000000000001&note=a+b',
    );
    expect(JSON.parse(Buffer.from(untyped?.request.body_base64 ?? '', 'base64').toString())).toEqual({
      user_name: 'agent2',
      password: 'redacted:password:2',
    });
  });
});
