/**
 * Requests node's own HTTP parser refuses never reach a route; over a raw loopback socket each gets the error body of
 * B.2 (JSON, `VALIDATION_FAILED`, the part at fault in `errors[]`), not node's empty 400/431, and the connection
 * closes. The server keeps serving.
 *
 * @module
 */

import { connect } from 'node:net';
import { errorBody } from '@omnikit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening, MockOmni } from '../../src/index.js';
import { startMock } from '../support/omni-client.js';

let mock: MockOmni;
let server: Listening;
beforeAll(async () => {
  ({ mock } = await startMock());
  server = await mock.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
  await mock?.close();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Writes `request` as bytes and reads until the server closes the connection. */
function raw(request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.end(Buffer.from(request, 'latin1'));
  });
}

function expectShaped(answer: RawAnswer, field: string): void {
  expect(answer.status, answer.body).toBe(400);
  expect(answer.headers['content-type']).toBe('application/json');
  expect(answer.headers.connection).toBe('close');
  expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
  const body = errorBody.parse(JSON.parse(answer.body));
  expect(body.error_code).toBe('VALIDATION_FAILED');
  expect(body.errors?.[0]?.field).toBe(field);
  expect(body.detail.length).toBeGreaterThan(10);
}

describe('requests node’s HTTP parser refuses (the server’s clientError)', () => {
  it('a control byte in a header value → 400 in the error shape, field headers', async () => {
    expectShaped(await raw('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0001b\r\n\r\n'), 'headers');
  });

  it('a header name with a space or a non-token byte → 400, field headers', async () => {
    expectShaped(await raw('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: x\r\n\r\n'), 'headers');
  });

  it('a 20 KB header → 400 (not an empty 431), field headers', async () => {
    const answer = await raw(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectShaped(answer, 'headers');
    expect(JSON.parse(answer.body).detail).toMatch('16 KiB');
  });

  it('a 70 KB URL → 400, field url', async () => {
    expectShaped(await raw(`GET /omni/users?q=${'a'.repeat(70_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`), 'url');
  });

  it('a 20 KB URL, its request line ended in the same packet → 400, field url (not headers)', async () => {
    const answer = await raw(`GET /omni/users?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expectShaped(answer, 'url');
    expect(JSON.parse(answer.body).detail).toMatch(/^the URL is too long/);
  });

  it('the archive service (/vicidial/*) answers in its own shape (B.2, A.7)', async () => {
    const big = await raw(
      `POST /vicidial/leads/dearchive HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Key=${'k'.repeat(20_000)}\r\n\r\n`,
    );
    expect([big.status, big.headers['content-type'], JSON.parse(big.body)]).toEqual([
      431,
      'application/json',
      { message: 'the headers are too large: the request line and headers take at most 16 KiB', http_code: 431 },
    ]);
    const long = await raw(`POST /vicidial/leads/archive?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect([long.status, JSON.parse(long.body).http_code]).toEqual([414, 414]);
    expect(JSON.parse(long.body).message).toMatch(/^the URL is too long/);
    // A malformed header: no rule of A.7 was read, so the first is the one broken, as for a body that is not JSON.
    const bad = await raw('POST /vicidial/leads/archive HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0001b\r\n\r\n');
    expect([bad.status, JSON.parse(bad.body)]).toEqual([
      400,
      { message: 'insert_leads must be a boolean value', lead_errors: 0, lead_ids: [], http_code: 400 },
    ]);
  });

  it('a malformed request line and a malformed Content-Length → 400, naming the part', async () => {
    expectShaped(await raw('G@T /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 'method');
    expectShaped(await raw('POST /omni/lead HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 12x\r\n\r\n{}'), 'headers');
  });

  it('on a kept-alive connection, after a good answer, a bad header still gets the error body', async () => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0001b\r\n\r\n');
    await closed;
    const text = Buffer.concat(chunks).toString('latin1');
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers.map((a) => a.slice(9, 12))).toEqual(['200', '400']);
    const body = errorBody.parse(JSON.parse(answers[1]?.split('\r\n\r\n')[1] ?? ''));
    expect(body.errors?.[0]?.field).toBe('headers');
  });

  it('the server still answers a good request afterwards, over a raw socket and fetch', async () => {
    const ok = await raw('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(ok.status).toBe(200);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});
