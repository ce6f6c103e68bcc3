import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { describePublishedPackage, runNode } from '../../../test-support/published-package.js';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describePublishedPackage(
  {
    dir: pkgDir,
    requires: { '.': 'OmniClient', './node': 'toNodeListener' },
    // The phone imports ws by a variable specifier, only where the runtime has no WebSocket.
    loadedOtherwise: { ws: 'src/phone/load-ws-websocket.ts' },
  },
  (pkg) => {
    it('the ESM build throws error classes that instanceof recognises', async () => {
      const sdk = (await import(
        pathToFileURL(join(pkgDir, 'dist', 'index.js')).href
      )) as typeof import('../src/index.js');
      const client = new sdk.OmniClient({
        baseUrl: 'http://omni.test',
        systemKey: 'k',
        maxRetries: 0,
        fetch: async () =>
          new Response(JSON.stringify({ success: false, detail: 'no campaign 9', error_code: 'NOT_FOUND' }), {
            status: 404,
          }),
      });
      const omni = client.withSession(
        client.restoreSession({
          user_id: 1,
          user_name: 'agent1',
          token_key: 't',
          expiry_date: '2026-01-05T16:00:00.000Z',
        }),
      );
      const error = await omni.campaigns.get(9).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(sdk.NotFoundError);
      expect(error).toBeInstanceOf(sdk.ApiError);
      expect(error).toBeInstanceOf(sdk.OmniError);
      expect(error).toBeInstanceOf(Error);
      expect((error as InstanceType<typeof sdk.NotFoundError>).name).toBe('NotFoundError');
    });

    it('the main entry never imports a node: module (browser-safe); the node adapter is separate', () => {
      const seen = new Set<string>();
      const nodeImports: string[] = [];
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]/g)) {
          const spec = m[1] as string;
          if (spec.startsWith('node:')) nodeImports.push(`${file}: ${spec}`);
          else if (spec.startsWith('.')) visit(join(dirname(file), spec));
        }
      };
      visit(join(pkg().installed, 'dist', 'index.js'));
      expect(seen.size).toBeGreaterThan(5);
      expect(nodeImports).toEqual([]);
      const adapter = readFileSync(join(pkg().installed, 'dist', 'node', 'node-listener.js'), 'utf8');
      expect(adapter).toContain('toNodeListener');
    });

    it('declares ws as an optional peer; without it, a phone in Node says `npm install ws`', async () => {
      const { peerDependencies, peerDependenciesMeta } = pkg().manifest;
      expect(peerDependencies?.ws).toMatch(/^\^8\./);
      expect(peerDependenciesMeta?.ws).toEqual({ optional: true });
      // The premise: the consumer's project has no ws (npm does not install optional peers).
      expect(() => createRequire(join(pkg().project, 'package.json')).resolve('ws')).toThrow();
      const script = join(pkg().project, 'phone-without-ws.mjs');
      writeFileSync(
        script,
        [
          'delete globalThis.WebSocket; // as in Node 20',
          "import { createFakeMediaHandlerFactory, OmniPhone } from '@omnikit/sdk';",
          'const phone = new OmniPhone({',
          "  server: 'ws://127.0.0.1:9/ws', extension: '1001', password: 'webrtc1',",
          '  mediaHandlerFactory: createFakeMediaHandlerFactory(),',
          '});',
          'const error = await phone.start().then(() => undefined, (e) => e);',
          'console.log(JSON.stringify({ name: error?.name, code: error?.code, message: error?.message, lifecycle: phone.lifecycle }));',
          '',
        ].join('\n'),
      );
      const { stdout } = await runNode([script], pkg().project);
      const outcome = JSON.parse(stdout) as Record<string, string>;
      expect(outcome).toMatchObject({ name: 'OmniPhoneError', code: 'CONFIGURATION', lifecycle: 'stopped' });
      expect(outcome.message).toContain('npm install ws');
    }, 60_000);
  },
);
