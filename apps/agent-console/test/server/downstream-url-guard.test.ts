/**
 * The downstream URL must not lead the console's forwards into the mock's own control API.
 *
 * @module
 */

import { describe, expect, it } from 'vitest';
import { parseConsoleConfig } from '../../src/server/console-config.js';
import { ConsoleStartError, createConsoleServer } from '../../src/server/create-console-server.js';
import { downstreamUrlProblem } from '../../src/server/downstream-url-guard.js';

const OMNI = 'http://127.0.0.1:4010';
const names: Record<string, string[]> = { 'rebind.example': ['127.0.0.1'], 'crm.example': ['203.0.113.7'] };
const resolve = async (host: string) => {
  const found = names[host];
  if (!found) throw new Error(`ENOTFOUND ${host}`);
  return found;
};

describe('downstreamUrlProblem', () => {
  it.each([
    `${OMNI}/__mock/system/reset`,
    'http://localhost:4010/__mock/system/reset',
    'http://0.0.0.0:4010/__mock/clock/advance',
    'http://[::ffff:127.0.0.1]:4010/%5F%5Fmock/system/reset',
    'http://rebind.example:4010//__MOCK/systems',
  ])('refuses %s', async (url) => {
    expect(await downstreamUrlProblem(url, OMNI, resolve)).toMatch(/mock's own control API/);
  });

  it.each([
    'http://127.0.0.1:4010/crm/hooks',
    'http://127.0.0.1:4011/__mock/system/reset',
    'http://crm.example:4010/__mock/anything',
    'http://nowhere.example:4010/__mock/system/reset',
  ])('accepts %s', async (url) => {
    expect(await downstreamUrlProblem(url, OMNI, resolve)).toBeUndefined();
  });
});

describe('the console at start', () => {
  it('does not listen with a downstream URL that is the mock’s control API', async () => {
    const parsed = parseConsoleConfig(
      ['--omni-url', OMNI, '--port', '0', '--downstream-url', 'http://localhost:4010/__mock/system/reset'],
      {},
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const server = createConsoleServer({ config: parsed.config, log: () => {}, resolveHost: resolve });
    const started = server.listen();
    await expect(started).rejects.toBeInstanceOf(ConsoleStartError);
    await expect(started).rejects.toThrow(/--downstream-url .* control API/);
    await server.close();
  });
});
