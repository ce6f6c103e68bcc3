import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { routes } from '@omnikit/contracts';
import { createMockOmni } from '@omnikit/mock-omni';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CurrentRouteId, MESSAGING_METHOD_NAMES, METHOD_NAMES, type MessagingGroup } from '../src/index.js';
import { type MockTarget, startTarget } from './support/mock-target.js';

const run = promisify(execFile);
const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(pkgDir, 'README.md'), 'utf8');

describe('README', () => {
  let target: MockTarget;
  beforeAll(async () => {
    target = await startTarget('http');
  });
  afterAll(() => target.close());

  it('the quick start runs as printed against a started mock and prints what its comments say', async () => {
    const block = /<!-- quick-start:run -->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // Inside the package, so that `@omnikit/sdk` resolves to this package (self-reference).
    const file = join(pkgDir, `.readme-quick-start-${process.pid}.ts`);
    writeFileSync(file, block as string);
    try {
      const { stdout } = await run(process.execPath, ['--conditions=@omnikit/source', '--import', 'tsx', file], {
        cwd: pkgDir,
        env: { ...process.env, OMNI_BASE_URL: target.baseUrl, OMNI_SYSTEM_KEY: target.systemKey },
      });
      expect(stdout.trim().split('\n')).toEqual([
        'agent1 1001 logged_out',
        'Click-2-Dial 8',
        'lead 351 NEW',
        'crm-42 SALE',
      ]);
    } finally {
      rmSync(file, { force: true });
    }
  }, 60_000);

  it('the agent quick start (phone, webhook receiver, login, call, CDR) runs as printed against a real-clock mock', async () => {
    const block = /<!-- quick-start:agent -->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    // As the root README starts it: a real clock (0800555008 answers after 1 s).
    const live = await createMockOmni({ clock: 'real', seed: 1, logger: { info() {}, error() {} } });
    const listening = await live.listen({ port: 0 });
    const file = join(pkgDir, `.readme-agent-${process.pid}.ts`);
    writeFileSync(file, block as string);
    try {
      const { stdout } = await run(process.execPath, ['--conditions=@omnikit/source', '--import', 'tsx', file], {
        cwd: pkgDir,
        timeout: 45_000,
        env: { ...process.env, OMNI_BASE_URL: listening.url, OMNI_SYSTEM_KEY: live.defaultSystemKey },
      });
      expect(stdout.trim().split('\n')).toEqual(['crm-42 SALE 200']);
    } finally {
      rmSync(file, { force: true });
      await listening.close();
      await live.close();
    }
  }, 60_000);

  it('the method table names every messaging method', () => {
    const rows = readme.split('\n').filter((l) => l.startsWith('| `'));
    const prefix: Record<MessagingGroup, string> = {
      messaging: 'agent.messaging.',
      conversations: 'agent.conversations.',
      messages: 'agent.messages.',
      messagingCampaigns: 'omni.messagingCampaigns.',
      templates: 'omni.templates.',
    };
    for (const [id, [group, name]] of Object.entries(MESSAGING_METHOD_NAMES)) {
      const start = prefix[group];
      const row = rows.find(
        (r) =>
          r.includes(`\`${start}${name}(`) ||
          (r.includes(`\`${start}`) && (r.includes(`· \`${name}(`) || r.includes(`· \`${name}\``))),
      );
      expect(row, `${id} → ${start}${name}`).toBeDefined();
    }
  });

  it('the method table names every method', () => {
    const rows = readme.split('\n').filter((l) => l.startsWith('| `'));
    const prefix: Record<string, string> = {
      agent: 'agent.',
      calls: 'agent.calls.',
      shotgun: 'agent.shotgun.',
      preview: 'agent.preview.',
      auth: 'client.',
      // The archive service needs no session: the README shows it on the client.
      archive: 'client.archive.',
    };
    for (const [id, name] of Object.entries(METHOD_NAMES) as [CurrentRouteId, string][]) {
      const group = routes[id].group;
      const start = prefix[group] ?? `omni.${group}.`;
      // `agent.calls.hold(call_id)` · `retrieve` · … : the first method in full, the others by name.
      const row = rows.find(
        (r) =>
          r.includes(`\`${start}${name}(`) ||
          (r.includes(`\`${start}`) && (r.includes(`· \`${name}(`) || r.includes(`· \`${name}\``))),
      );
      expect(row, `${id} → ${start}${name}`).toBeDefined();
    }
  });
});
