import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodePassword } from '@omnikit/contracts';
import { afterAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { describePublishedPackage, runNode } from '../../../test-support/published-package.js';
import { DEMO_SYSTEM_KEY } from '../src/engine/systems/demo-data.js';
import { startCli } from './support/cli-process.js';

const children = new Set<ChildProcess>();
const dir = mkdtempSync(join(tmpdir(), 'omni-installed-'));
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describePublishedPackage(
  {
    dir: join(dirname(fileURLToPath(import.meta.url)), '..'),
    requires: { '.': 'createMockOmni', './testing': 'chromiumPath' },
    // The migrations the store applies at start.
    ships: ['drizzle'],
    // The CLI's bundle (bin/omni-mock.js runs it); library users import the rest of dist/.
    bundles: ['dist/bundle'],
    loadedOtherwise: {
      'swagger-ui-dist': 'src/http/docs-routes.ts (its assets folder, by require.resolve)',
      uplot: 'src/main.ts (its script and style inlined into simulate reports, by require.resolve)',
    },
  },
  (pkg) => {
    it('every chunk of the installed bundle loads: what it leaves to node_modules resolves from the install', async () => {
      const { installed, project } = pkg();
      const bundle = join(installed, 'dist', 'bundle');
      // The entry runs the CLI; every other file is a chunk (the lazy ones: SIP edge, WebRTC media, proxy, cluster…).
      const chunks = readdirSync(bundle).filter((file) => file.endsWith('.js') && file !== 'omni-mock.js');
      expect(chunks.length).toBeGreaterThan(5);
      const script = `for (const file of ${JSON.stringify(chunks)}) await import(${JSON.stringify(pathToFileURL(bundle).href)} + '/' + file);\nconsole.log('loaded');`;
      const { stdout } = await runNode(['--input-type=module', '-e', script], project);
      expect(stdout.trim()).toBe('loaded');
    }, 60_000);

    it('the installed bin runs its bundle: demo data, the docs assets, the SIP edge, its version', async () => {
      const { installed, manifest } = pkg();
      const bin = join(installed, 'bin', 'omni-mock.js');
      expect((await runNode([bin, '--version'], pkg().project)).stdout.trim()).toBe(manifest.version);
      const env = { ...process.env };
      delete env.NODE_OPTIONS;
      // A new database: the migrations are found from the bundle, and faker (required when the demo data is built)
      // from the installed dependencies.
      const s = await startCli(bin, ['--port', '0', '--db', join(dir, 'installed.db')], children, env);
      try {
        const login = await fetch(`${s.url}/omni/user/authorize`, {
          method: 'POST',
          headers: { Authorization: `Key=${DEMO_SYSTEM_KEY}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ user_name: 'agent1', password: encodePassword('password1') }),
        });
        expect(login.status).toBe(200);
        const asset = await fetch(`${s.url}/docs/assets/swagger-ui.css`);
        expect(asset.status).toBe(200);
        expect((await asset.text()).length).toBeGreaterThan(1000);
        // The first upgrade loads the SIP edge's chunk, which imports ws and sip.js from node_modules.
        const socket = new WebSocket(`${s.url.replace('http', 'ws')}/ws?auth-key=${DEMO_SYSTEM_KEY}`, ['sip']);
        const opened = await new Promise<string>((resolve) => {
          socket.once('open', () => resolve(socket.protocol));
          socket.once('error', (error) => resolve(`error: ${error.message}`));
        });
        socket.close();
        expect(opened).toBe('sip');
        expect(s.output()).not.toContain('failed to load');
      } finally {
        s.child.kill('SIGTERM');
        expect(await s.exited).toBe(0);
      }
    }, 60_000);
  },
);
