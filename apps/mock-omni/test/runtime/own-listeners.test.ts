import { describe, expect, it } from 'vitest';
import { OwnListeners } from '../../src/runtime/own-listeners.js';

/** Which notification endpoints lead back to the mock's own control API (a host name resolved first). */
function listeners(names: Record<string, string[]> = {}, local: string[] = ['192.168.7.20', 'fe80::1']) {
  const asked: string[] = [];
  const own = new OwnListeners({
    resolve: async (host) => {
      asked.push(host);
      const found = names[host];
      if (!found) throw new Error(`ENOTFOUND ${host}`);
      return found;
    },
    localAddresses: () => local,
    resolveTimeoutMs: 200,
  });
  return { own, asked };
}

describe('OwnListeners.reachesControlApi', () => {
  it('knows nothing until a server binds, and forgets a closed one', async () => {
    const { own } = listeners();
    expect(own.reachesControlApi('http://127.0.0.1:4010/__mock/system/reset')).toBe(false);
    const forget = own.add('127.0.0.1', 4010);
    expect(own.reachesControlApi('http://127.0.0.1:4010/__mock/system/reset')).toBe(true);
    forget();
    expect(own.reachesControlApi('http://127.0.0.1:4010/__mock/system/reset')).toBe(false);
  });

  it('a loopback listener: its address, 0.0.0.0 and the IPv4-mapped form reach it; another loopback address does not', () => {
    const { own } = listeners();
    own.add('127.0.0.1', 4010);
    expect(own.reachesControlApi('http://0.0.0.0:4010/__mock/x')).toBe(true);
    expect(own.reachesControlApi('http://[::ffff:7f00:1]:4010/__mock/x')).toBe(true);
    expect(own.reachesControlApi('http://127.0.0.2:4010/__mock/x')).toBe(false);
    expect(own.reachesControlApi('http://127.0.0.1:4011/__mock/x')).toBe(false);
    expect(own.reachesControlApi('http://127.0.0.1:4010/omni/users')).toBe(false);
    expect(own.reachesControlApi('http://127.0.0.1:4010/hooks/__mock')).toBe(false);
  });

  it('the default port of the scheme counts', () => {
    const { own } = listeners();
    own.add('127.0.0.1', 80);
    expect(own.reachesControlApi('http://127.0.0.1/__mock/system/reset')).toBe(true);
    expect(own.reachesControlApi('https://127.0.0.1/__mock/system/reset')).toBe(false);
  });

  it('a listener on 0.0.0.0 or :: is reached at every local address, not at another machine', () => {
    for (const wildcard of ['0.0.0.0', '::']) {
      const { own } = listeners();
      own.add(wildcard, 4010);
      for (const host of ['127.0.0.1', '127.9.9.9', '[::1]', '192.168.7.20', '[fe80::1]', '0.0.0.0'])
        expect([wildcard, host, own.reachesControlApi(`http://${host}:4010/__mock/x`)]).toEqual([wildcard, host, true]);
      expect(own.reachesControlApi('http://192.168.7.21:4010/__mock/x')).toBe(false);
    }
  });

  it('resolves a host name first: localhost at once, others through DNS; a name that does not resolve is not the mock', async () => {
    const { own, asked } = listeners({ 'rebind.example': ['10.0.0.9', '127.0.0.1'], 'crm.example': ['203.0.113.5'] });
    own.add('127.0.0.1', 4010);
    expect(own.reachesControlApi('http://localhost:4010/__mock/x')).toBe(true);
    expect(own.reachesControlApi('http://app.localhost:4010/__mock/x')).toBe(true);
    await expect(own.reachesControlApi('http://rebind.example:4010/__mock/x')).resolves.toBe(true);
    await expect(own.reachesControlApi('http://crm.example:4010/__mock/x')).resolves.toBe(false);
    await expect(own.reachesControlApi('http://nowhere.example:4010/__mock/x')).resolves.toBe(false);
    expect(asked).toEqual(['rebind.example', 'crm.example', 'nowhere.example']);
  });

  it('a resolver that hangs is given up after its timeout', async () => {
    const own = new OwnListeners({
      resolve: () => new Promise(() => {}),
      localAddresses: () => [],
      resolveTimeoutMs: 20,
    });
    own.add('127.0.0.1', 4010);
    await expect(own.reachesControlApi('http://slow.example:4010/__mock/x')).resolves.toBe(false);
  });

  it('reads the path as a router does: decoded, any case, repeated slashes as one', () => {
    const { own } = listeners();
    own.add('127.0.0.1', 4010);
    for (const path of ['/%5F%5Fmock/system/reset', '/__MOCK/system/reset', '//__mock/system/reset', '/a/../__mock/x'])
      expect([path, own.reachesControlApi(`http://127.0.0.1:4010${path}`)]).toEqual([path, true]);
  });
});
