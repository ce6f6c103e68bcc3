/**
 * Every code of Omni's closed list (B.2) that a route can answer, injected with the mock's faults
 * on `GET /omni/users/{id}`, as the browser sees it through `GET /api/agent`: the console's code
 * and status, Omni's code kept, the sentence for it. In every `errors` form a real Omni may use
 * (`omni-mock --vary`): where Omni sends no code (`status-only`, `ok-false`), the sentence is the one
 * its status or words tell, and `omniCode` is left out rather than guessed.
 *
 * @module
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_ERROR_STATUS, consoleError } from '../../src/shared/console-errors.js';
import { OMNI_ERROR_MESSAGES } from '../../src/shared/omni-error-messages.js';
import { ConsoleBrowser, type ConsoleFixture, startConsoleFixture } from './console-fixture.js';

const table = [
  ['MISSING_SYSTEM_KEY', 'OMNI_UNAVAILABLE'],
  ['INVALID_SYSTEM_KEY', 'OMNI_UNAVAILABLE'],
  ['MISSING_TOKEN', 'SESSION_EXPIRED'],
  ['INVALID_TOKEN', 'SESSION_EXPIRED'],
  ['TOKEN_EXPIRED', 'SESSION_EXPIRED'],
  ['FORBIDDEN_USER', 'FORBIDDEN'],
  ['FORBIDDEN_ORIGIN', 'FORBIDDEN'],
  ['VALIDATION_FAILED', 'BAD_REQUEST'],
  ['NOT_FOUND', 'NOT_FOUND'],
  ['INVALID_STATE', 'CONFLICT'],
  ['EXTENSION_NOT_REGISTERED', 'CONFLICT'],
  ['AGENT_NOT_LOGGED_IN', 'CONFLICT'],
  ['WINDOW_CLOSED_TEMPLATE_REQUIRED', 'CONFLICT'],
  ['MESSAGE_TAG_REQUIRED', 'CONFLICT'],
  ['RECIPIENT_OPTED_OUT', 'CONFLICT'],
  ['TEMPLATE_NOT_APPROVED', 'CONFLICT'],
  ['TEMPLATE_VARIABLES_MISMATCH', 'BAD_REQUEST'],
  ['PAYLOAD_TOO_LARGE', 'PAYLOAD_TOO_LARGE'],
  ['UNSUPPORTED_MEDIA_TYPE', 'OMNI_UNAVAILABLE'],
  ['RATE_LIMITED', 'RATE_LIMITED'],
  ['INTERNAL', 'OMNI_UNAVAILABLE'],
  ['SERVICE_UNAVAILABLE', 'OMNI_UNAVAILABLE'],
] as const;

describe.each(['errors=coded', 'errors=status-only', 'errors=ok-false'])(
  'Omni’s error codes through the console, %s',
  (vary) => {
    let fx: ConsoleFixture;
    beforeAll(async () => {
      fx = await startConsoleFixture({ vary });
    });
    afterAll(async () => {
      await fx.close();
    });

    it.each(table)('%s → %s, in words', async (omniCode, code) => {
      const browser = new ConsoleBrowser(fx.url);
      await browser.signIn();
      const fault = await fx.control('POST', '/__mock/faults', { route_id: 'getUser', error_code: omniCode });
      expect(fault.status).toBe(200);
      try {
        const res = await browser.request('GET', '/api/agent');
        expect(res.status).toBe(CONSOLE_ERROR_STATUS[code]);
        const { error } = consoleError.parse(await res.json());
        expect(error.code).toBe(code);
        // A 5xx is never rewritten: it keeps its code in every form.
        const sent = vary === 'errors=coded' || omniCode === 'INTERNAL' || omniCode === 'SERVICE_UNAVAILABLE';
        expect(error.omniCode).toBe(sent ? omniCode : undefined);
        const words = OMNI_ERROR_MESSAGES[omniCode];
        expect(error.message.slice(0, words.length)).toBe(words);
        // Only a refused token ends the console session.
        const after = await browser.request('GET', '/api/session');
        expect(after.status).toBe(code === 'SESSION_EXPIRED' ? 401 : 200);
      } finally {
        await fx.control('DELETE', '/__mock/faults');
      }
    });
  },
);
