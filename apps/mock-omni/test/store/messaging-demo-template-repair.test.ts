/**
 * A database an older mock seeded keeps the demo's `spring_sale` template with `variable_count` 2, though its body has
 * one placeholder. The mock corrects that seeded row when it opens the file, every time it opens it, and touches no
 * template a user created (even one with the same name in another language).
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startMock } from '../support/omni-client.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-demo-template-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every template of the default system: name, language, variable count. */
async function templates(file: string): Promise<[string, string, number][]> {
  const { mock, client } = await startMock({ db: file });
  try {
    const token = await client.login('agent1');
    const res = await client.request('GET', '/omni/messaging/templates', { token });
    expect(res.status).toBe(200);
    return res.body.templates.map((t: { template_name: string; language: string; variable_count: number }) => [
      t.template_name,
      t.language,
      t.variable_count,
    ]);
  } finally {
    await mock.close();
  }
}

describe('the demo template seeded by an older mock', () => {
  it('reads back with the placeholders its body has; user templates keep what they stored', async () => {
    const file = join(dir, 'omni.db');
    // A database the current mock seeds, then set back to what the older mock wrote, beside a user's template.
    const { mock, client } = await startMock({ db: file });
    const token = await client.login('agent1');
    const created = await client.request('POST', '/omni/messaging/templates', {
      token,
      body: {
        template_name: 'spring_sale',
        language: 'en',
        category: 'MARKETING',
        body: 'Spring sale: {{1}} off everything this week.',
      },
    });
    expect(created.status).toBe(200);
    await mock.close();
    const old = new Database(file);
    old.prepare("UPDATE message_templates SET variable_count = 2 WHERE template_name = 'spring_sale'").run();
    old.close();

    const expected: [string, string, number][] = [
      ['order_update', 'en_US', 2],
      ['appointment_reminder', 'en_US', 2],
      ['spring_sale', 'en_US', 1],
      // A user's row is the user's: the correction is for the seeded one only.
      ['spring_sale', 'en', 2],
    ];
    expect(await templates(file)).toEqual(expected);
    // Opening the file again changes nothing more.
    expect(await templates(file)).toEqual(expected);
  });
});
