/**
 * Which README blocks the registry smoke test runs, and what it expects them to print.
 *
 * @module
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { expectedOutput, runnableBlocks } from './runnable-blocks.mjs';

const fence = '```';

describe('runnableBlocks', () => {
  it('finds the sdk quick starts and what their comments say they print', () => {
    const readme = readFileSync(new URL('../../packages/sdk/README.md', import.meta.url), 'utf8');
    const blocks = runnableBlocks(readme);
    assert.deepEqual(
      blocks.map((b) => `${b.kind}:${b.name}`),
      ['quick-start:run', 'quick-start:agent', 'quick-start:messaging'],
    );
    assert.deepEqual(blocks[0].expectedOutput, [
      'agent1 1001 logged_out',
      'Click-2-Dial 8',
      'lead 351 NEW',
      'crm-42 SALE',
    ]);
    assert.deepEqual(blocks[1].expectedOutput, ['crm-42 SALE 200']);
    // The messaging inbox prints one line per conversation from a loop: not every line has its comment.
    assert.equal(blocks[2].expectedOutput, undefined);
    assert.match(blocks[0].code, /^import \{ OmniClient, parseNotification \} from '@omnikit\/sdk';\n/);
  });

  it("finds the curl examples of the root and the mock README, bash or sh, aimed at npm start's :4010", () => {
    for (const [path, names, lang] of [
      ['../../README.md', ['curl'], 'bash'],
      ['../../apps/mock-omni/README.md', ['try-it', 'whatsapp'], 'sh'],
    ]) {
      const blocks = runnableBlocks(readFileSync(new URL(path, import.meta.url), 'utf8'));
      assert.deepEqual(
        blocks.map((b) => `${b.kind}:${b.name} ${b.lang}`),
        names.map((name) => `shell:${name} ${lang}`),
      );
      for (const block of blocks) {
        assert.match(block.code, /curl -s -X POST .*http:\/\/127\.0\.0\.1:4010|BASE=http:\/\/127\.0\.0\.1:4010/);
      }
    }
    assert.throws(() => runnableBlocks(`<!-- shell:x -->\n${fence}ts\nconst a = 1;\n${fence}\n`), /not bash or sh/);
  });

  it("finds the scenarios README's example test for a user's own suite, and its variant matrices", () => {
    const readme = readFileSync(new URL('../../packages/scenarios/README.md', import.meta.url), 'utf8');
    const blocks = runnableBlocks(readme);
    assert.deepEqual(
      blocks.map((b) => `${b.kind}:${b.name}`),
      ['example:crm-whatsapp-window', 'matrix:library', 'matrix:fragile-crm', 'example:crm-call-outcome'],
    );
    assert.match(blocks[1].code, /^npx omnikit-scenarios run --vary all/);
    for (const example of [blocks[0], blocks[3]]) {
      assert.match(example.code, /from '@omnikit\/scenarios';/);
      assert.match(example.code, /\n}\);\n$/);
    }
  });

  it('leaves unmarked blocks alone and refuses a marker kind it cannot run', () => {
    const plain = `${fence}ts\nconsole.log(1); // 1\n${fence}\n`;
    assert.deepEqual(runnableBlocks(plain), []);
    assert.throws(
      () => runnableBlocks(`<!-- demo:x -->\n${plain}`, 'x/README.md'),
      /x\/README.md: <!-- demo:x --> marks a block/,
    );
    assert.throws(() => runnableBlocks(`<!-- quick-start:x -->\n${fence}sh\nls\n${fence}\n`), /not ts/);
  });

  it('reads expected output only when every console.log says what it prints', () => {
    assert.deepEqual(expectedOutput('console.log(a, b); // lead 351 NEW (on a fresh mock)\nawait x();'), [
      'lead 351 NEW',
    ]);
    assert.equal(expectedOutput('console.log(a); // one\nconsole.log(b);'), undefined);
    assert.deepEqual(expectedOutput('await x();'), []);
  });
});
