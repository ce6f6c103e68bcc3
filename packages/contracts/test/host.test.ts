import { describe, expect, it } from 'vitest';
import { hostOfHeader, isIPv4, isLoopbackHost, isUnspecifiedHost, normalizeHost, originOf } from '../src/host/index.js';

describe('@omnikit/contracts/host', () => {
  it('makes host names comparable: brackets, case, a trailing dot, IPv4-mapped IPv6', () => {
    expect(normalizeHost(' LocalHost. ')).toBe('localhost');
    expect(normalizeHost('[::1]')).toBe('::1');
    expect(normalizeHost('[::ffff:7f00:1]')).toBe('127.0.0.1');
    expect(normalizeHost('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(normalizeHost('::ffff:zz')).toBe('::ffff:zz');
  });

  it('reads dotted IPv4 addresses as Node does', () => {
    for (const ok of ['127.0.0.1', '0.0.0.0', '255.255.255.255', '10.20.30.40']) expect(isIPv4(ok)).toBe(true);
    for (const bad of ['256.0.0.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', ' 1.2.3.4', 'a.b.c.d', '::1'])
      expect(isIPv4(bad)).toBe(false);
  });

  it('reads the host of a Host header with or without a port', () => {
    expect(hostOfHeader('127.0.0.1:4010')).toBe('127.0.0.1');
    expect(hostOfHeader('Console.Example.com')).toBe('console.example.com');
    expect(hostOfHeader('[::1]:4020')).toBe('::1');
    expect(hostOfHeader('[::1')).toBe('[::1');
  });

  it('knows the names that never leave the machine, and the unspecified addresses', () => {
    for (const host of ['localhost', 'app.localhost', '::1', '127.0.0.1', '127.9.8.7'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['localhost.example', '128.0.0.1', '0.0.0.0', 'example.com', '10.0.0.1'])
      expect(isLoopbackHost(host)).toBe(false);
    expect(isUnspecifiedHost('0.0.0.0')).toBe(true);
    expect(isUnspecifiedHost('::')).toBe(true);
    expect(isUnspecifiedHost('127.0.0.1')).toBe(false);
  });

  it("gives a URL's origin, and nothing for an opaque origin or no URL", () => {
    expect(originOf('http://127.0.0.1:4020/path?q')).toBe('http://127.0.0.1:4020');
    expect(originOf('HTTP://Console.Example.com:80/')).toBe('http://console.example.com');
    expect(originOf('null')).toBeUndefined();
    expect(originOf('file:///tmp/page.html')).toBeUndefined();
    expect(originOf('not a url')).toBeUndefined();
  });
});
