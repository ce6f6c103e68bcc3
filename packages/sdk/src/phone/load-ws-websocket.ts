/**
 * The phone's WebSocket where the runtime has none (Node before 22): the `ws` package, an optional
 * peer dependency of the sdk, loaded only when it is needed.
 *
 * @module
 */

import { OmniPhoneError } from './omni-phone-error.js';
import type { WebSocketConstructor } from './websocket-transport.js';

/** Loads a module by name, as `import()` does. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/**
 * The specifier is a variable and the bundler hints say "leave it": a browser build never reaches
 * this code (browsers have a WebSocket), so it must not make the bundler look for `ws` either.
 */
const WS_PACKAGE = 'ws';
const importModule: ModuleImporter = (specifier) => import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);

/**
 * `WebSocket` from the `ws` package; rejects with a CONFIGURATION {@link OmniPhoneError} that says
 * `npm install ws` when the package is not installed.
 */
export async function loadWsWebSocket(load: ModuleImporter = importModule): Promise<WebSocketConstructor> {
  let loaded: unknown;
  try {
    loaded = await load(WS_PACKAGE);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND')
      throw new OmniPhoneError(
        'CONFIGURATION',
        'this runtime has no WebSocket and the ws package is not installed: run `npm install ws` ' +
          '(or pass the WebSocket option)',
      );
    throw new OmniPhoneError(
      'CONFIGURATION',
      `the ws package failed to load: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const exports = loaded as { default?: unknown; WebSocket?: unknown };
  const WebSocket = exports.WebSocket ?? exports.default;
  if (typeof WebSocket !== 'function')
    throw new OmniPhoneError('CONFIGURATION', 'the ws package has no WebSocket export');
  return WebSocket as WebSocketConstructor;
}
