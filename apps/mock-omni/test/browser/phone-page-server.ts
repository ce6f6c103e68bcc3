/**
 * The browser tests' stack: the phone page (phone-page.ts, bundled with esbuild for Chromium) served on 127.0.0.1 at
 * a free port, a mock listening beside it, and Debian's Chromium on the page, which drives the sdk's OmniPhone through
 * `window.omniTest`. Chromium is required: a missing one fails the test (CI installs it).
 *
 * @module
 */

import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createMockOmni, type Listening, type MockOmni, type MockOmniOptions } from '../../src/index.js';
import { chromiumPath, missingChromiumMessage, WEBRTC_CHROMIUM_ARGS } from '../../src/testing/index.js';
import { OmniTestClient } from '../support/omni-client.js';
import type { PageApi } from './phone-page.js';

export interface PhonePageServer {
  /** The page's URL. */
  url: string;
  close(): Promise<void>;
}

export async function startPhonePageServer(): Promise<PhonePageServer> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./phone-page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]?.text;
  if (script === undefined) throw new Error('esbuild produced no bundle');
  const server = createServer((req, res) => {
    if (req.url === '/phone.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(script);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><html><body><script type="module" src="/phone.js"></script></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface PhoneStack {
  mock: MockOmni;
  listening: Listening;
  /** The demo system's client. */
  client: OmniTestClient;
  page: Page;
  /** The mock's SIP WebSocket URL. */
  ws: string;
  close(): Promise<void>;
}

/** The page, a mock made with `options` (a manual clock, no logging, unless given) and Chromium on the page. */
export async function startPhoneStack(what: string, options: MockOmniOptions = {}): Promise<PhoneStack> {
  const executable = chromiumPath();
  if (!existsSync(executable)) throw new Error(missingChromiumMessage(executable, what));
  const pageServer = await startPhonePageServer();
  const mock = await createMockOmni({ clock: 'manual', logger: { info: () => {}, error: () => {} }, ...options });
  const listening = await mock.listen({ port: 0, host: '127.0.0.1' });
  // playwright-core gives the browser a fresh temporary profile of its own.
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await listening.close();
    await mock.close();
    await pageServer.close();
  };
  try {
    browser = await chromium.launch({ executablePath: executable, args: [...WEBRTC_CHROMIUM_ARGS] });
    const page = await browser.newPage();
    await page.goto(pageServer.url);
    await page.waitForFunction(() => 'omniTest' in window);
    return {
      mock,
      listening,
      client: new OmniTestClient(mock, mock.defaultSystemKey),
      page,
      ws: `${listening.url.replace(/^http/, 'ws')}/ws`,
      close: async () => {
        await page.evaluate(() => (window as unknown as { omniTest: PageApi }).omniTest.stop()).catch(() => undefined);
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}
