/**
 * Changesets are checked in `npm test`: a malformed one fails here, not at release time.
 *
 * @module
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkChangesets, parseChangeset, workspaceNames } from './check-changesets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const known = new Set(['@omnikit/contracts', '@omnikit/sdk']);

describe('parseChangeset', () => {
  it('reads the releases and the summary of a well-formed changeset', () => {
    const parsed = parseChangeset(
      '---\n"@omnikit/contracts": minor\n\'@omnikit/sdk\': patch\n---\n\nA new export.\n',
      known,
    );
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.releases, [
      { name: '@omnikit/contracts', type: 'minor' },
      { name: '@omnikit/sdk', type: 'patch' },
    ]);
    assert.equal(parsed.summary, 'A new export.');
  });

  it('accepts an empty changeset (changeset add --empty)', () => {
    assert.deepEqual(parseChangeset('---\n---\n', known).problems, []);
  });

  const malformed = [
    ['an unknown package', '---\n"@omnikit/sdkk": patch\n---\n\nx\n', /no workspace package is named @omnikit\/sdkk/],
    ['an unknown bump type', '---\n"@omnikit/sdk": feature\n---\n\nx\n', /"feature" is not a bump type/],
    ['a line that is not name: bump', '---\n"@omnikit/sdk" patch\n---\n\nx\n', /is not "<package>": <bump>/],
    ['no frontmatter', '"@omnikit/sdk": patch\n\nx\n', /no frontmatter/],
    ['an unclosed frontmatter', '---\n"@omnikit/sdk": patch\n\nx\n', /no frontmatter/],
    ['no summary', '---\n"@omnikit/sdk": patch\n---\n', /no summary/],
    ['a package named twice', '---\n"@omnikit/sdk": patch\n"@omnikit/sdk": minor\n---\n\nx\n', /named twice/],
  ];
  for (const [what, text, problem] of malformed) {
    it(`refuses ${what}`, () => {
      const { problems } = parseChangeset(text, known);
      assert.equal(problems.length, 1, problems.join('; '));
      assert.match(problems[0], problem);
    });
  }
});

describe('the repository', () => {
  it('moves its five workspace packages together: one fixed group holds them all', () => {
    const config = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8'));
    const names = [...workspaceNames(root)].sort();
    assert.equal(names.length, 5);
    assert.deepEqual(
      config.fixed.map((group) => [...group].sort()),
      [names],
    );
  });

  it("has no malformed changeset and names only workspace packages in .changeset's config", () => {
    assert.deepEqual(checkChangesets(root), []);
  });
});
