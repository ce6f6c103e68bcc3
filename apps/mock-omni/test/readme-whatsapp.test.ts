/**
 * The README's WhatsApp conversation with curl (`<!-- shell:whatsapp -->`), run verbatim by bash against a mock
 * listening on 127.0.0.1 as the registry smoke runs it: every answer JSON and none a failure. Its printed ids,
 * statuses and window are checked against what the README's comments say.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockOmni, type Listening, type MockOmni } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const README = join(here, '..', 'README.md');
const RUNNABLE = join(here, '..', '..', '..', 'scripts', 'registry-smoke', 'runnable-blocks.mjs');

interface Block {
  kind: string;
  name: string;
  code: string;
}

let mock: MockOmni;
let server: Listening;
beforeAll(async () => {
  mock = await createMockOmni({ logger: { info: () => {}, error: () => {} } });
  server = await mock.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.close();
  await mock.close();
});

describe('the README’s WhatsApp conversation with curl', () => {
  it('runs verbatim: every answer JSON, none a failure, each as its comment says', async () => {
    const { runnableBlocks } = (await import(pathToFileURL(RUNNABLE).href)) as {
      runnableBlocks: (markdown: string, source: string) => Block[];
    };
    const block = runnableBlocks(readFileSync(README, 'utf8'), README).find(
      (b) => b.kind === 'shell' && b.name === 'whatsapp',
    );
    expect(block).toBeDefined();
    const script = [
      'set -euo pipefail',
      'curl() { command curl --fail-with-body "$@"; echo; }',
      (block as Block).code.replaceAll('http://127.0.0.1:4010', server.url),
    ].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { timeout: 60_000 });
    const answers = stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const a of answers) {
      expect(a.error_code, JSON.stringify(a)).toBeUndefined();
      expect(a.success, JSON.stringify(a)).not.toBe(false);
    }
    // clock, join, inbound, assign, reply, advance, message, read, advance, conversation, template
    expect(answers).toHaveLength(11);
    expect(answers[2]).toMatchObject({ message_id: 4, conversation_id: 4 });
    expect(answers[4]).toMatchObject({ message_id: 5, conversation_id: 4, message_status: 'queued', segments: 1 });
    expect(answers[6]).toMatchObject({ message_id: 5, message_status: 'read' });
    expect(answers[9]).toMatchObject({ conversation_id: 4, window_expires_at: expect.any(String) });
    expect(Date.parse(String(answers[9]?.window_expires_at))).toBeLessThan(
      Date.parse(String((await (await fetch(`${server.url}/__mock/clock`)).json()).now)),
    );
    expect(answers[10]).toMatchObject({ message_id: 6, conversation_id: 4, message_status: 'queued' });
  }, 90_000);
});
