/**
 * The whole stack for the browser tests, on loopback: the Omni mock in process (manual clock, real
 * WebRTC media on the bridge legs), the console backend against it serving a fresh vite build of
 * the web app, and Debian's Chromium driven by playwright-core with a fresh profile. Chromium is
 * required: when it is missing the suite fails and says how to install it (it is never downloaded).
 *
 * @module
 */

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMockOmni, type Listening, type MockOmni } from '@omnikit/mock-omni';
import { chromiumPath, missingChromiumMessage, WEBRTC_CHROMIUM_ARGS } from '@omnikit/mock-omni/testing';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { parseConsoleConfig } from '../../src/server/console-config.js';
import { type ConsoleServer, createConsoleServer } from '../../src/server/create-console-server.js';

/** Debian's Chromium, the one browser the suite drives. */
export const CHROMIUM = chromiumPath();

/**
 * Where the test saves its screenshots: test-results/ (ignored by git) on an ordinary run, so
 * running the tests leaves the tree clean; docs/screenshots/ (shown in the README) when
 * OMNIKIT_UPDATE_SCREENSHOTS=1.
 */
export const SCREENSHOTS = fileURLToPath(
  new URL(
    process.env.OMNIKIT_UPDATE_SCREENSHOTS === '1' ? '../../docs/screenshots/' : '../../test-results/screenshots/',
    import.meta.url,
  ),
);

/**
 * Wraps RTCPeerConnection before the app loads so the test can read the bridge call's receive
 * statistics; nothing in the app knows about it.
 */
const PEER_SPY = `(() => {
  const Original = window.RTCPeerConnection;
  const peers = [];
  window.__omnikitPeers = peers;
  window.RTCPeerConnection = class extends Original {
    constructor(...args) { super(...args); peers.push(this); }
  };
})();`;

/** What each demo campaign tells its agents at login (the demo data has none). */
export const MESSAGES_OF_THE_DAY: Record<number, string> = {
  1: 'Click-2-Dial: confirm the customer’s name before you pitch.',
  3: 'Preview: read the lead’s notes before you call.',
  5: 'Blended: inbound callers come first.',
};

/** Sets the campaigns' messages of the day through Omni's own API (PUT /omni/campaign/{id}). */
async function setMessagesOfTheDay(omniUrl: string, systemKey: string): Promise<void> {
  const auth = { Authorization: `Key=${systemKey}`, 'content-type': 'application/json' };
  const login = await fetch(`${omniUrl}/omni/user/authorize`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ user_name: 'agent5', password: Buffer.from('password5').toString('base64') }),
  });
  const { token_key } = (await login.json()) as { token_key: string };
  for (const [id, message] of Object.entries(MESSAGES_OF_THE_DAY)) {
    const res = await fetch(`${omniUrl}/omni/campaign/${id}`, {
      method: 'PUT',
      headers: { ...auth, tokenKey: token_key },
      body: JSON.stringify({ message_of_the_day: message }),
    });
    if (!res.ok) throw new Error(`PUT /omni/campaign/${id}: ${res.status} ${await res.text()}`);
  }
}

export interface ConsoleStack {
  mock: MockOmni;
  mockUrl: string;
  server: ConsoleServer;
  url: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Moves the mock's manual clock forward (its timers fire: rings, answers, wrap-up). */
  advance(ms: number): Promise<void>;
  control(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startConsoleStack(
  options: {
    consoleArgs?: string[];
    /**
     * The mock as `omni-mock --strict` (a stand-in for a real Omni: no control API, no magic
     * numbers, a real clock starting now): `advance` and `control` then answer 404.
     */
    strict?: boolean;
    /** The plausible Omni the mock plays where the wiki is silent (`omni-mock --vary`). */
    vary?: string;
  } = {},
): Promise<ConsoleStack> {
  if (!existsSync(CHROMIUM)) throw new Error(missingChromiumMessage(CHROMIUM, "the console's browser tests"));
  const webDir = mkdtempSync(join(tmpdir(), 'omnikit-console-web-'));
  await build({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    build: { outDir: webDir, emptyOutDir: true, sourcemap: false },
    logLevel: 'warn',
  });

  const mock = await createMockOmni({
    ...(options.strict ? { strict: true, clock: 'real', clockStart: new Date().toISOString() } : { clock: 'manual' }),
    ...(options.vary === undefined ? {} : { vary: options.vary }),
    logger: { info: () => {}, error: () => {} },
    sip: { answerTimeoutMs: 15_000, media: 'webrtc' },
  });
  const listening: Listening = await mock.listen({ port: 0, host: '127.0.0.1' });
  const parsed = parseConsoleConfig(
    ['--omni-url', listening.url, '--port', '0', '--web-dir', webDir, ...(options.consoleArgs ?? [])],
    {},
  );
  if (!parsed.ok) throw new Error(parsed.error);
  const server = createConsoleServer({ config: parsed.config, log: () => {} });
  const { url } = await server.listen();

  await setMessagesOfTheDay(listening.url, mock.defaultSystemKey);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...WEBRTC_CHROMIUM_ARGS] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(PEER_SPY);
  const page = await context.newPage();

  const control = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${listening.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  return {
    mock,
    mockUrl: listening.url,
    server,
    url,
    browser,
    context,
    page,
    async advance(ms) {
      await control('POST', '/__mock/clock/advance', { ms });
    },
    control,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      await listening.close();
      await mock.close();
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}
