/**
 * The docs check finds a flag a command lacks and a route the contracts lack, and the docs have none.
 *
 * @module
 */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkDocs, flagMentions, helpFlags, routeExists, routeMentions } from './check-docs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fence = '```';

describe('helpFlags', () => {
  it('reads the options that begin the lines of a --help, not flags named in prose', () => {
    const help = [
      'Usage: omni-mock [options]',
      '  --port <n>          port (default 4010)',
      '  --validate-responses  check every answer',
      '  --help, --version   print this',
      '                      with omni-mock --strict the demo key',
    ].join('\n');
    assert.deepEqual([...helpFlags(help)].sort(), ['--help', '--port', '--validate-responses', '--version']);
  });
});

describe('flagMentions', () => {
  const flags = (markdown) => flagMentions(markdown).map((m) => `${m.command} ${m.flag} @${m.line}`);

  it('takes the flags after a command in code blocks, continuation lines joined, up to a pipe or comment', () => {
    const md = [
      fence + 'sh',
      'npx omni-mock --port 0 \\',
      '  --db :memory: | tee log   # --not-a-flag',
      'npx omnikit-scenarios run x.json --seed 7 && curl --silent',
      fence,
    ].join('\n');
    assert.deepEqual(flags(md), ['omni-mock --port @2', 'omni-mock --db @2', 'omnikit-scenarios --seed @4']);
  });

  it('reads inline code in prose, npx/npm exec of the package, and npm start only after --', () => {
    const md = [
      'Start it with `npx @omnikit/mock-omni --media webrtc` or `npm exec @omnikit/mock-omni -- --port 0`.',
      'Or `npm start --silent -- --reset`; `npm run bench -w @omnikit/mock-omni -- --minutes 1` is no command of ours.',
    ].join('\n');
    assert.deepEqual(flags(md), ['omni-mock --media @1', 'omni-mock --port @1', 'npm start --reset @2']);
  });

  it('checks a subcommand’s flags against its own --help, not the command’s', () => {
    const md = [
      fence + 'sh',
      'npx omni-mock replay omni.jsonl --port 4012',
      'npx omni-mock --port 4010',
      fence,
      'Or `npx @omnikit/mock-omni replay x.jsonl --host 0.0.0.0`.',
    ].join('\n');
    assert.deepEqual(flags(md), ['omni-mock replay --port @2', 'omni-mock --port @3', 'omni-mock replay --host @5']);
  });

  it('checks simulate’s flags against simulate --help: --port is the mock’s, not simulate’s', () => {
    const md = [
      fence + 'sh',
      'npx omni-mock simulate --agents 20 --compare agents=1,2 --report day.html',
      'npx omni-mock --port 4010',
      fence,
      'Or `npx @omnikit/mock-omni simulate --port 4011`.',
    ].join('\n');
    assert.deepEqual(flags(md), [
      'omni-mock simulate --agents @2',
      'omni-mock simulate --compare @2',
      'omni-mock simulate --report @2',
      'omni-mock --port @3',
      'omni-mock simulate --port @5',
    ]);
  });

  it('reads the first cell of a table under a heading naming the command', () => {
    const md = [
      '### CLI (`omni-mock`)',
      '| option | meaning |',
      '|---|---|',
      '| `--seed <n>` | the seed |',
      '## Other',
      '| `--elsewhere` | not the command |',
    ].join('\n');
    assert.deepEqual(flags(md), ['omni-mock --seed @4']);
  });
});

describe('routeMentions and routeExists', () => {
  const defined = ['/omni/users/{user_id}', '/omni/voice/{user_id}/call/{call_id}/hold', '/__mock/clock/advance'];
  const exists = (markdown) => routeMentions(markdown).map((m) => `${m.path} ${routeExists(m, defined)}`);

  it('matches path parameters by position, whatever the docs call them or put there', () => {
    assert.deepEqual(
      exists(
        '`GET /omni/users/{id}` and curl $BASE/omni/voice/1/call/7/hold and http://127.0.0.1:4010/__mock/clock/advance?x=1.',
      ),
      ['/omni/users/{id} true', '/omni/voice/1/call/7/hold true', '/__mock/clock/advance true'],
    );
  });

  it('refuses a path the contracts do not define', () => {
    assert.deepEqual(exists('`POST /__mock/clock/rewind` and `/omni/user/7`'), [
      '/__mock/clock/rewind false',
      '/omni/user/7 false',
    ]);
  });

  it('takes a trailing … or * as a prefix, and ignores a path on another host', () => {
    assert.deepEqual(exists('`/omni/voice…`, `/__mock/*`, `/omni/list…` and https://crm.example.com/omni/hooks'), [
      '/omni/voice true',
      '/__mock/ true',
      '/omni/list false',
    ]);
  });
});

describe('the repository', () => {
  it("mentions no flag a command's --help lacks and no route the contracts lack", async () => {
    assert.deepEqual(await checkDocs(root), []);
  });
});
