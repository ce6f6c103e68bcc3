import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConsoleFixture, startConsoleFixture } from '../console-fixture.js';

let fx: ConsoleFixture | undefined;
let dir: string | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function webDir(): string {
  dir = mkdtempSync(join(tmpdir(), 'console-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
  return dir;
}

describe('serving the web app', () => {
  it('serves index.html at / and for client routes, assets as files with long caching', async () => {
    fx = await startConsoleFixture({ args: ['--web-dir', webDir()] });
    const root = await fetch(`${fx.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<div id="root">');
    const route = await fetch(`${fx.url}/supervisor`);
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toMatch(/text\/html/);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('<div id="root">');
    const asset = await fetch(`${fx.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect(await asset.text()).toBe('console.log("app")');
  });

  it('sends security headers: no framing, no sniffing, no referrer; no HSTS on plain http', async () => {
    fx = await startConsoleFixture({ args: ['--web-dir', webDir()] });
    for (const path of ['/', '/api/info']) {
      const res = await fetch(`${fx.url}${path}`);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('never serves files outside its folder', async () => {
    fx = await startConsoleFixture({ args: ['--web-dir', webDir()] });
    const res = await fetch(`${fx.url}/assets/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await res.text()).not.toMatch(/root:/);
  });

  it('API paths never fall through to index.html', async () => {
    fx = await startConsoleFixture({ args: ['--web-dir', webDir()] });
    // Without a session the guard answers first; either way, JSON in the console's error body.
    const res = await fetch(`${fx.url}/api/unknown`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('without a built app, says how to build it (503), while the API and /health work', async () => {
    fx = await startConsoleFixture();
    const res = await fetch(`${fx.url}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build -w @omnikit\/agent-console/);
    expect((await fetch(`${fx.url}/health`)).status).toBe(200);
    expect((await fetch(`${fx.url}/api/info`)).status).toBe(200);
  });
});
