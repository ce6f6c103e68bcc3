import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { loadWsWebSocket } from '../../src/phone/load-ws-websocket.js';
import { OmniPhoneError } from '../../src/phone/omni-phone-error.js';

/** An error as Node's ESM loader throws for a package that is not installed. */
function notInstalled(specifier: string): Error {
  return Object.assign(new Error(`Cannot find package '${specifier}' imported from /app/index.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });
}

describe('loadWsWebSocket', () => {
  it('gives the WebSocket class of the installed ws package', async () => {
    expect(await loadWsWebSocket()).toBe(WebSocket);
  });

  it('asks for `npm install ws` when ws is not installed', async () => {
    const asked: string[] = [];
    const error = await loadWsWebSocket(async (specifier) => {
      asked.push(specifier);
      throw notInstalled(specifier);
    }).catch((e: unknown) => e);
    expect(asked).toEqual(['ws']);
    expect(error).toBeInstanceOf(OmniPhoneError);
    expect(error).toMatchObject({ code: 'CONFIGURATION' });
    expect((error as Error).message).toMatch(/ws package is not installed: run `npm install ws`/);
  });

  it('reports any other failure to load ws as it is', async () => {
    await expect(
      loadWsWebSocket(async () => {
        throw new SyntaxError('Unexpected token');
      }),
    ).rejects.toMatchObject({ code: 'CONFIGURATION', message: 'the ws package failed to load: Unexpected token' });
  });

  it('refuses a ws without a WebSocket export', async () => {
    await expect(loadWsWebSocket(async () => ({ default: {} }))).rejects.toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringMatching(/no WebSocket export/),
    });
  });
});
