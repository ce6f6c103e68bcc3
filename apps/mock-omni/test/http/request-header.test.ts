import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHeader } from '../../src/http/request-header.js';

/** Answers, for each name in `?names=a,b`, what requestHeader and Hono's own c.req.header read. */
function echoApp(): Hono {
  const app = new Hono();
  app.get('/echo', (c) => {
    const names = (c.req.query('names') ?? '').split(',');
    return c.json(
      names.map((name) => ({ name, fast: requestHeader(c, name) ?? null, hono: c.req.header(name) ?? null })),
    );
  });
  return app;
}

type Echo = { name: string; fast: string | null; hono: string | null }[];

/** Writes the request by hand over a loopback socket, so repeats and the case of names reach the server as given. */
function send(port: number, names: string[], headers: [string, string][]): Promise<Echo> {
  return new Promise((resolve, reject) => {
    const lines = [`GET /echo?names=${names.join(',')} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
    for (const [key, value] of headers) lines.push(`${key}: ${value}`);
    const socket = connect(port, '127.0.0.1', () => socket.end(`${lines.join('\r\n')}\r\n\r\n`));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      if (!head.startsWith('HTTP/1.1 200')) reject(new Error(`unexpected answer: ${head}`));
      else resolve(JSON.parse(body) as Echo);
    });
  });
}

describe('requestHeader on @hono/node-server (raw header list)', () => {
  let server: ReturnType<typeof serve>;
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: echoApp().fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
        port = info.port;
        resolve();
      });
    });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('matches a header whatever the case of its name in the request or in the question', async () => {
    const echo = await send(port, ['tokenkey', 'TOKENKEY', 'tokenKey'], [['TokenKey', 'abc123']]);
    for (const row of echo) expect(row).toEqual({ name: row.name, fast: 'abc123', hono: 'abc123' });
  });

  it('joins repeats with ", " in the order sent, as Headers.get does', async () => {
    const echo = await send(
      port,
      ['x-multi'],
      [
        ['X-Multi', 'one'],
        ['x-multi', 'two'],
        ['X-MULTI', 'three'],
      ],
    );
    expect(echo[0]?.fast).toBe('one, two, three');
    expect(echo[0]?.fast).toBe(echo[0]?.hono);
  });

  it('answers undefined for an absent header, and does not match a name that only shares a prefix', async () => {
    const echo = await send(
      port,
      ['authorization', 'token'],
      [
        ['Authorizations', 'Key=nope'],
        ['tokenKey', 'abc'],
      ],
    );
    expect(echo).toEqual([
      { name: 'authorization', fast: null, hono: null },
      { name: 'token', fast: null, hono: null },
    ]);
  });

  it('keeps an empty value (present but empty is not absent)', async () => {
    const echo = await send(port, ['tokenkey'], [['tokenKey', '']]);
    expect(echo[0]).toEqual({ name: 'tokenkey', fast: '', hono: '' });
  });
});

describe('requestHeader without node (Hono app.request)', () => {
  it('falls back to the request headers', async () => {
    const res = await echoApp().request('/echo?names=tokenkey,absent', { headers: { TokenKey: 'from-fetch' } });
    expect(await res.json()).toEqual([
      { name: 'tokenkey', fast: 'from-fetch', hono: 'from-fetch' },
      { name: 'absent', fast: null, hono: null },
    ]);
  });
});
