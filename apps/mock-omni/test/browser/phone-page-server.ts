/**
 * Serves the phone page (phone-page.ts, bundled with esbuild for Chromium) on 127.0.0.1 at a free port, for the
 * browser tests that drive the sdk's OmniPhone through `window.omniTest`.
 *
 * @module
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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
