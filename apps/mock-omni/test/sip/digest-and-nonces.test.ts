import { describe, expect, it } from 'vitest';
import {
  type DigestCredentials,
  digestsEqual,
  expectedDigestResponse,
  parseDigestCredentials,
} from '../../src/sip/digest-credentials.js';
import { createNonceStore } from '../../src/sip/nonce-store.js';

describe('parseDigestCredentials', () => {
  it('reads quoted and bare values, escapes and commas inside quotes', () => {
    const parsed = parseDigestCredentials(
      'Digest username="10\\"01", realm="omni.mock", nonce="a,b", uri="sip:omni.mock", ' +
        'response="ABCDEF", algorithm=MD5, qop=auth, nc=00000002, cnonce="xyz", opaque="op"',
    );
    expect(parsed).toEqual({
      username: '10"01',
      realm: 'omni.mock',
      nonce: 'a,b',
      uri: 'sip:omni.mock',
      response: 'abcdef',
      algorithm: 'MD5',
      qop: 'auth',
      nc: '00000002',
      cnonce: 'xyz',
      opaque: 'op',
    });
  });

  it('names what is wrong', () => {
    expect(parseDigestCredentials('Basic abc')).toMatch(/Digest/);
    expect(parseDigestCredentials('Digest username="a"')).toMatch(/realm is missing/);
    expect(parseDigestCredentials('Digest username="a", username="b"')).toMatch(/appears twice/);
    expect(parseDigestCredentials('Digest username')).toMatch(/no value/);
    expect(parseDigestCredentials('Digest user name="a"')).toMatch(/malformed/);
    expect(parseDigestCredentials('Digest realm="unterminated')).toMatch(/unterminated/);
  });
});

describe('expectedDigestResponse', () => {
  // RFC 2617 §3.5's worked example (an HTTP GET; SIP uses the same arithmetic with REGISTER).
  const rfc: DigestCredentials = {
    username: 'Mufasa',
    realm: 'testrealm@host.com',
    nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
    uri: '/dir/index.html',
    response: '6629fae49393a05397450978507c4ef1',
    algorithm: undefined,
    qop: 'auth',
    nc: '00000001',
    cnonce: '0a4f113b',
    opaque: '5ccc069c403ebaf9f0171e9517f40e41',
  };

  it('matches RFC 2617’s example with qop=auth', () => {
    expect(expectedDigestResponse(rfc, 'GET', 'Circle Of Life')).toBe(rfc.response);
    expect(expectedDigestResponse(rfc, 'GET', 'circle of life')).not.toBe(rfc.response);
  });

  it('computes the RFC 2069 form without qop', () => {
    // MD5(HA1:nonce:HA2) with HA1 = MD5(Mufasa:testrealm@host.com:Circle Of Life), HA2 = MD5(GET:/dir/index.html)
    expect(expectedDigestResponse({ ...rfc, qop: undefined }, 'GET', 'Circle Of Life')).toBe(
      '670fd8c2df070c60b045671b8b24ff02',
    );
  });

  it('compares digests of equal length only', () => {
    expect(digestsEqual('abc', 'abc')).toBe(true);
    expect(digestsEqual('abc', 'abd')).toBe(false);
    expect(digestsEqual('abc', 'abcd')).toBe(false);
  });
});

describe('nonce store', () => {
  const setup = (maxNonces = 100) => {
    const clock = { now: 1_000_000 };
    const store = createNonceStore({ now: () => clock.now, lifetimeMs: 60_000, maxNonces });
    return { clock, store };
  };

  it('accepts strictly increasing nc and calls a repeat or lower nc a replay', () => {
    const { store } = setup();
    const nonce = store.issue();
    expect(store.check(nonce, '00000001')).toBe('ok');
    expect(store.check(nonce, '00000001')).toBe('replay');
    expect(store.check(nonce, '00000003')).toBe('ok');
    expect(store.check(nonce, '00000002')).toBe('replay');
    expect(store.check(nonce, 'zz')).toBe('replay');
  });

  it('calls an unknown or expired nonce stale', () => {
    const { clock, store } = setup();
    const nonce = store.issue();
    expect(store.check('never-issued', '00000001')).toBe('stale');
    clock.now += 59_999;
    expect(store.check(nonce, '00000001')).toBe('ok');
    clock.now += 1;
    expect(store.check(nonce, '00000002')).toBe('stale');
    expect(store.size).toBe(0);
  });

  it('sweeps expired nonces and forgets the oldest beyond its capacity', () => {
    const { clock, store } = setup(3);
    const first = store.issue();
    const second = store.issue();
    clock.now += 30_000;
    const third = store.issue();
    store.issue();
    expect(store.size).toBe(3);
    expect(store.check(first, '00000001')).toBe('stale');
    clock.now += 30_000;
    store.sweep();
    expect(store.size).toBe(2);
    expect(store.check(second, '00000001')).toBe('stale');
    expect(store.check(third, '00000001')).toBe('ok');
  });

  it('issues distinct URL-safe nonces', () => {
    const { store } = setup(1_000);
    const nonces = new Set(Array.from({ length: 200 }, () => store.issue()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
