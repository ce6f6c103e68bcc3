import { encodePassword } from '@omnikit/contracts';
import type { RecordingLine } from '@omnikit/contracts/drift';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/proxy/redactor.js';

function line(over: {
  headers?: RecordingLine['request']['headers'];
  query?: RecordingLine['request']['query'];
  body?: RecordingLine['request']['body'];
  responseHeaders?: RecordingLine['response']['headers'];
  response?: RecordingLine['response']['body'];
  path?: string;
}): RecordingLine {
  return {
    v: 1,
    seq: 1,
    at: '2026-01-05T08:00:00.000Z',
    kind: 'rest',
    route_id: null,
    request: {
      method: 'POST',
      path: over.path ?? '/omni/x',
      query: over.query ?? {},
      headers: over.headers ?? {},
      ...(over.body === undefined ? {} : { body: over.body }),
    },
    response: {
      status: 200,
      headers: over.responseHeaders ?? {},
      ...(over.response === undefined ? {} : { body: over.response }),
    },
    duration_ms: 1,
  };
}

describe('Redactor', () => {
  it('replaces the system key, tokens and passwords by stable placeholders, in headers, queries and bodies', () => {
    const r = new Redactor();
    const first = r.redact(
      line({
        headers: { authorization: 'Key=sys-key-0001', 'content-type': 'application/json' },
        body: { user_name: 'agent1', password: encodePassword('hunter22') },
        response: { user_id: 1, user_name: 'agent1', token_key: 'tok-aaaaaaaa', expiry_date: 'x' },
      }),
    );
    expect(first.request.headers).toEqual({
      authorization: 'Key=redacted:system-key:1',
      'content-type': 'application/json',
    });
    expect(first.request.body).toEqual({ user_name: 'agent1', password: 'redacted:password:1' });
    expect(first.response.body).toMatchObject({ token_key: 'redacted:token:1', user_name: 'agent1' });
    const later = r.redact(
      line({
        headers: { tokenkey: 'tok-aaaaaaaa', cookie: 'a=1; tokenKey=tok-aaaaaaaa' },
        query: { 'auth-key': 'sys-key-0001', page: '2' },
        response: { detail: 'hunter22 is not tok-aaaaaaaa' },
      }),
    );
    expect(later.request.headers).toEqual({ tokenkey: 'redacted:token:1', cookie: 'a=1; tokenKey=redacted:token:1' });
    expect(later.request.query).toEqual({ 'auth-key': 'redacted:system-key:1', page: '2' });
    // The Base64 password's plain text and a token met inside another string are replaced too.
    expect(later.response.body).toEqual({ detail: 'redacted:password:1 is not redacted:token:1' });
  });

  it('redacts the webhook secret, WebRTC passwords, signatures, the admin key and set-cookie values', () => {
    const out = new Redactor().redact(
      line({
        headers: { 'x-omni-signature': 'sha256=abcdef0123', 'x-mock-admin-key': 'admin-key-1' },
        body: { url: 'http://crm/hook', secret: 'whsec-123456', nested: [{ webrtc_password: 'rtc-pass-1' }] },
        responseHeaders: { 'set-cookie': ['tokenKey=tok-bbbbbbbb; Path=/', 'theme=dark'] },
      }),
    );
    expect(out.request.headers).toEqual({
      'x-omni-signature': 'sha256=redacted:signature:1',
      'x-mock-admin-key': 'redacted:admin-key:1',
    });
    expect(out.request.body).toEqual({
      url: 'http://crm/hook',
      secret: 'redacted:secret:1',
      nested: [{ webrtc_password: 'redacted:webrtc-password:1' }],
    });
    expect(out.response.headers['set-cookie']).toEqual(['tokenKey=redacted:token:1; Path=/', 'theme=dark']);
  });

  it('masks phone numbers with stable masks, the same number everywhere, unless told to keep them', () => {
    const r = new Redactor();
    const out = r.redact(
      line({
        body: { phone_number: '+447700900123', lead_id: 4 },
        response: {
          calls: [{ phone_number: '+447700900123', caller_id: '0800000000' }, { phone_number: '07700900999' }],
          detail: 'called +447700900123',
          phone_numbers: ['0800000000'],
        },
      }),
    );
    expect(out.request.body).toEqual({ phone_number: '+000000000001', lead_id: 4 });
    expect(out.response.body).toEqual({
      calls: [{ phone_number: '+000000000001', caller_id: '0000000002' }, { phone_number: '00000000003' }],
      detail: 'called +000000000001',
      phone_numbers: ['0000000002'],
    });
    const kept = new Redactor(true).redact(line({ body: { phone_number: '+447700900123' } }));
    expect(kept.request.body).toEqual({ phone_number: '+447700900123' });
  });

  it('masks a phone number asked for in the query, one a route of the contracts may not know', () => {
    const r = new Redactor();
    const out = r.redact(
      line({ path: '/omni/lead/search', query: { phone_number: '07700900456', caller_id: ['0800111222'], page: '2' } }),
    );
    expect(out.request.query).toEqual({ phone_number: '00000000001', caller_id: ['0000000002'], page: '2' });
    const kept = new Redactor(true).redact(line({ query: { phone_number: '07700900456' } }));
    expect(kept.request.query).toEqual({ phone_number: '07700900456' });
  });

  it('leaves what is no number or secret alone and never changes a value’s type', () => {
    const input = line({
      body: { phone_number: '', caller_id: 'anonymous', extension: '1001', call_id: 17, success: true },
    });
    expect(new Redactor().redact(input)).toEqual(input);
  });

  it('reads a text or untyped body as JSON or a form for its secrets, and keeps one with none as it came', () => {
    const r = new Redactor();
    const plain = { 'content-type': 'text/plain' };
    const json = '{\n  "user_name": "agent1",\n  "password": "aHVudGVyMjI="\n}';
    expect(r.redact(line({ headers: plain, body: json })).request.body).toBe(
      '{"user_name":"agent1","password":"redacted:password:1"}',
    );
    // Nothing to replace: the text as it came, whitespace and all; text that is no JSON likewise.
    const clean = '{ "user_name": "agent1" }';
    expect(r.redact(line({ headers: plain, body: clean })).request.body).toBe(clean);
    expect(r.redact(line({ headers: plain, body: '{not json' })).request.body).toBe('{not json');
    const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    expect(r.redact(line({ headers: form, body: 'a=1&b=%20x&flag' })).request.body).toBe('a=1&b=%20x&flag');
    expect(r.redact(line({ headers: form, body: 'api_key=k%2Fv-123456&b=2' })).request.body).toBe(
      'api_key=redacted:other:1&b=2',
    );
    // The same pairs in a body that is no form are text, left alone.
    expect(r.redact(line({ headers: plain, body: 'api_key=zzz' })).request.body).toBe('api_key=zzz');
    // Untyped bytes that are JSON: read too, kept as Base64.
    const untyped = Buffer.from('{"token_key":"tok-dddddddd"}').toString('base64');
    const out = r.redact({ ...line({}), response: { status: 200, headers: {}, body_base64: untyped } });
    expect(Buffer.from(out.response.body_base64 ?? '', 'base64').toString()).toBe('{"token_key":"redacted:token:1"}');
  });

  it('replaces a secret held in a Base64 body it could not parse', () => {
    const r = new Redactor();
    r.redact(line({ headers: { tokenkey: 'tok-cccccccc' } }));
    const out = r.redact({
      ...line({}),
      response: {
        status: 200,
        headers: {},
        body_base64: Buffer.from('{"token_key":"tok-cccccccc"').toString('base64'),
      },
    });
    expect(Buffer.from(out.response.body_base64 ?? '', 'base64').toString()).toBe('{"token_key":"redacted:token:1"');
  });
});
