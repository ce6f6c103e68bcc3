/**
 * What the proxy passes through, compared byte for byte with what the target sent and got:
 * binary bodies both ways, headers (hop-by-hop ones dropped, Host the target's, names' case
 * kept), queries, a base path, compressed answers, answers that differ from the contracts, a
 * target that cannot be reached, a body over the capture limit, and a recording that cannot be
 * written.
 *
 * @module
 */

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseRecordingLine } from '@omnikit/contracts/drift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_LIMIT } from '../../src/proxy/body-capture.js';
import { type RunningProxy, startProxy } from '../../src/proxy/proxy-server.js';
import { type ScriptedAnswer, type ScriptedOmni, startScriptedOmni } from '../support/scripted-omni.js';

const WAV = Buffer.concat([Buffer.from('RIFF'), randomBytes(3 * 1024 * 1024)]);
/** A recording over the capture limit (an hour-long call's WAV): streamed through, neither checked nor recorded. */
const LONG_WAV = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(CAPTURE_LIMIT, 7)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A raw request, so that the test controls every header (fetch adds and forbids some). */
function raw(
  url: string,
  method: string,
  headers: string[],
  body?: Buffer,
): Promise<{ status: number; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // A raw header list gets no Host of its own.
    const req = request(url, { method, headers: ['Host', new URL(url).host, ...headers], agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const headerOf = (rawHeaders: readonly string[], name: string) => {
  const at = rawHeaders.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === name.toLowerCase());
  return at < 0 ? undefined : rawHeaders[at + 1];
};

describe('forwarding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omni-proxy-fwd-'));
  const recordPath = join(dir, 'rec.jsonl');
  let omni: ScriptedOmni;
  let proxy: RunningProxy;
  const said: string[] = [];

  beforeAll(async () => {
    omni = await startScriptedOmni(({ url, body }): ScriptedAnswer => {
      if (url === '/base/omni/recording/9_long.wav')
        return { status: 200, headers: { 'Content-Type': 'audio/wav' }, body: LONG_WAV };
      if (url.startsWith('/base/omni/recording/'))
        return { status: 200, headers: { 'Content-Type': 'audio/wav', 'X-Omni-Thing': 'kept' }, body: WAV };
      if (url.startsWith('/base/omni/upload'))
        return { status: 201, headers: { 'Content-Type': 'application/octet-stream' }, body };
      if (url.startsWith('/base/omni/users?'))
        return {
          status: 200,
          headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
          body: gzipSync('{"users":[{"user_id":"1","user_name":"agent1"}]}'),
        };
      if (url === '/base/omni/voice/1/call')
        return {
          status: 200,
          headers: { 'X-Request-Id': 'r-1', 'Set-Cookie': 'tokenKey=tok-abcdef; Path=/; HttpOnly' },
          body: { call_id: 'x', phone_number: 44, unexpected: true },
        };
      if (url === '/base/omni/campaigns')
        return { status: 200, headers: { 'Content-Type': 'text/html' }, body: Buffer.from('<h1>IIS</h1>') };
      return { status: 404, body: { success: false, detail: 'no route', error_code: 'ROUTE_NOT_FOUND' } };
    });
    proxy = await startProxy({
      target: new URL(`${omni.url}/base/`),
      port: 0,
      record: recordPath,
      say: (l) => said.push(l),
    });
  });

  afterAll(async () => {
    await proxy?.close();
    await omni?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a recording’s WAV through byte for byte, headers kept', async () => {
    const got = await raw(`${proxy.url}/omni/recording/9_20260105080000.wav`, 'GET', [
      'Authorization',
      'Key=k-123456',
      'tokenKey',
      't-123456',
    ]);
    expect(got.status).toBe(200);
    expect(got.body.length).toBe(WAV.length);
    expect(sha(got.body)).toBe(sha(WAV));
    expect(headerOf(got.rawHeaders, 'X-Omni-Thing')).toBe('kept');
    expect(headerOf(got.rawHeaders, 'Content-Type')).toBe('audio/wav');
  });

  it('streams a body over the capture limit through whole, and says it is neither checked nor recorded', async () => {
    const got = await raw(`${proxy.url}/omni/recording/9_long.wav`, 'GET', []);
    expect(got.status).toBe(200);
    expect(got.body.length).toBe(LONG_WAV.length);
    expect(sha(got.body)).toBe(sha(LONG_WAV));
    await proxy.settled();
    expect(said).toContain(
      'omni-mock proxy: GET /omni/recording/9_long.wav: a body over the capture limit, not checked or recorded',
    );
    expect(readFileSync(recordPath, 'utf8')).not.toContain('9_long.wav');
  });

  it('sends a binary request body through byte for byte', async () => {
    const upload = randomBytes(1024 * 1024 + 7);
    const got = await raw(`${proxy.url}/omni/upload`, 'POST', ['Content-Type', 'application/octet-stream'], upload);
    expect(got.status).toBe(201);
    expect(omni.got.at(-1)?.body.equals(upload)).toBe(true);
    expect(got.body.equals(upload)).toBe(true);
  });

  it('drops hop-by-hop headers, rewrites Host, keeps the rest as sent, query and base path included', async () => {
    await raw(`${proxy.url}/omni/users?auth-key=k-123456&page=2`, 'GET', [
      'Connection',
      'keep-alive, X-Hop',
      'X-Hop',
      'gone',
      'Keep-Alive',
      'timeout=5',
      'TE',
      'trailers',
      'tokenKey',
      'tok-abcdef',
      'X-End',
      'kept',
      'Accept-Encoding',
      'gzip',
    ]);
    const sent = omni.got.at(-1);
    expect(sent?.url).toBe('/base/omni/users?auth-key=k-123456&page=2');
    const names = (sent?.rawHeaders ?? []).filter((_, i) => i % 2 === 0);
    expect(names).toContain('tokenKey');
    expect(names.map((n) => n.toLowerCase())).not.toContain('x-hop');
    expect(names.map((n) => n.toLowerCase())).not.toContain('te');
    expect(headerOf(sent?.rawHeaders ?? [], 'keep-alive')).toBeUndefined();
    expect(headerOf(sent?.rawHeaders ?? [], 'X-End')).toBe('kept');
    expect(headerOf(sent?.rawHeaders ?? [], 'Host')).toBe(new URL(omni.url).host);
  });

  it('passes a compressed answer on compressed, and records and checks it decoded', async () => {
    const got = await raw(`${proxy.url}/omni/users?x=1`, 'GET', ['Accept-Encoding', 'gzip']);
    expect(headerOf(got.rawHeaders, 'Content-Encoding')).toBe('gzip');
    expect(got.body.equals(gzipSync('{"users":[{"user_id":"1","user_name":"agent1"}]}'))).toBe(true);
    expect(JSON.parse(gunzip(got.body))).toEqual({ users: [{ user_id: '1', user_name: 'agent1' }] });
    await proxy.settled();
    const route = proxy.report().routes.find((r) => r.id === 'listUsers');
    expect(route?.differs).toEqual([]);
    const line = readLines().find((l) => l.request.query.x === '1');
    expect(line?.response.body).toEqual({ users: [{ user_id: '1', user_name: 'agent1' }] });
    expect(line?.response.headers['content-encoding']).toBeUndefined();
  });

  it('answers exactly what the target did when the answer differs from the contract', async () => {
    const viaProxy = await raw(
      `${proxy.url}/omni/voice/1/call`,
      'POST',
      ['Content-Type', 'application/json'],
      Buffer.from('{"phone_number":"0800555001"}'),
    );
    const direct = await raw(
      `${omni.url}/base/omni/voice/1/call`,
      'POST',
      ['Content-Type', 'application/json'],
      Buffer.from('{"phone_number":"0800555001"}'),
    );
    expect(viaProxy.status).toBe(direct.status);
    expect(viaProxy.body.equals(direct.body)).toBe(true);
    const without = (h: string[]) =>
      h.filter((_, i) => !/^(date|connection|keep-alive)$/i.test(h[i - (i % 2)] as string));
    expect(without(viaProxy.rawHeaders)).toEqual(without(direct.rawHeaders));
    const page = await raw(`${proxy.url}/omni/campaigns`, 'GET', []);
    expect(page.body.toString()).toBe('<h1>IIS</h1>');
    await proxy.settled();
    const report = proxy.report();
    expect(
      report.routes
        .find((r) => r.id === 'makeCall')
        ?.differs.map((d) => d.kind)
        .sort(),
    ).toEqual(['extra', 'missing', 'missing', 'type', 'type']);
    expect(report.routes.find((r) => r.id === 'listCampaigns')?.differs).toEqual([
      expect.objectContaining({ kind: 'unparseable', location: 'response.200.body' }),
    ]);
  });

  it('records the path it forwarded: a double slash kept, an absolute-form target as its path', async () => {
    // What a client configured to use the proxy as its HTTP proxy sends (RFC 9112 §3.2.2).
    for (const path of ['//omni/users?double=1', 'http://omni.example.com/omni/users?absolute=1']) {
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: proxy.port, path, agent: false }, (res) => {
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end();
      });
    }
    await proxy.settled();
    expect(omni.got.slice(-2).map((g) => g.url)).toEqual(['/base//omni/users?double=1', '/base/omni/users?absolute=1']);
    const lines = readLines();
    expect(lines.find((l) => l.request.query.double === '1')?.request.path).toBe('//omni/users');
    expect(lines.find((l) => l.request.query.absolute === '1')).toMatchObject({
      route_id: 'listUsers',
      request: { path: '/omni/users' },
    });
  });

  it('redacts what it records from the answer’s headers too', async () => {
    await proxy.settled();
    const text = readFileSync(recordPath, 'utf8');
    expect(text).not.toContain('tok-abcdef');
    expect(text).not.toContain('k-123456');
    const line = readLines().find((l) => l.route_id === 'makeCall');
    expect(line?.response.headers['set-cookie']).toMatch(/^tokenKey=redacted:token:\d+; Path=\/; HttpOnly$/);
  });

  it('answers 502 with a clear body when the target cannot be reached, and records nothing', async () => {
    const closed = await startScriptedOmni(() => ({ status: 200 }));
    await closed.close();
    const lost = await startProxy({ target: new URL(closed.url), port: 0, say: (l) => said.push(l) });
    try {
      const got = await raw(`${lost.url}/omni/users`, 'GET', []);
      expect(got.status).toBe(502);
      expect(JSON.parse(got.body.toString())).toEqual({
        success: false,
        detail: expect.stringMatching(/^omni-mock proxy: cannot connect to http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/),
      });
      await lost.settled();
      expect(lost.report().summary.exchanges).toBe(0);
      expect(said.some((l) => l.includes('GET /omni/users: cannot connect to'))).toBe(true);
    } finally {
      await lost.close();
    }
  });

  it('says a recording it cannot write on its line, and goes on answering as the target does', async () => {
    // /dev/full takes the open and refuses every write (ENOSPC).
    const full = await startProxy({
      target: new URL(`${omni.url}/base/`),
      port: 0,
      record: '/dev/full',
      say: (l) => said.push(l),
    });
    try {
      for (let i = 0; i < 2; i++) {
        const got = await raw(`${full.url}/omni/campaigns`, 'GET', []);
        expect([got.status, got.body.toString()]).toEqual([200, '<h1>IIS</h1>']);
        await full.settled();
      }
      expect(said.filter((l) => /could not check or record an exchange: .*ENOSPC/.test(l))).toHaveLength(2);
    } finally {
      await full.close();
    }
  });

  function readLines() {
    return readFileSync(recordPath, 'utf8').trim().split('\n').map(parseRecordingLine);
  }
});

function gunzip(b: Buffer): string {
  return gunzipSync(b).toString();
}
