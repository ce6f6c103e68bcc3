/**
 * The README code blocks a user is told to run, as the READMEs mark them.
 *
 * A block is runnable when an HTML comment names it on the line before its fence, the convention the
 * packages' own README tests read (packages/sdk/test/readme.test.ts, packages/scenarios/test/readme.test.ts):
 * - `<!-- quick-start:NAME -->` then a ```ts block: a script the user runs against a started mock;
 * - `<!-- example:NAME -->` then a ```ts block: a test file the user puts in their own suite;
 * - `<!-- shell:NAME -->` then a ```bash or ```sh block: commands the user runs against a mock started at
 *   `http://127.0.0.1:4010` (curl), each printing one answer.
 * - `<!-- matrix:NAME -->` then a ```sh block: an `omnikit-scenarios run --vary all` command, followed by the
 *   ```text block it prints. Minutes long (every scenario under every variant), so this phase leaves it to
 *   packages/scenarios/test/readme.test.ts, which runs each and compares what it prints.
 * Any other `<!-- kind:NAME -->` before a fence is an error, so a new kind of runnable block cannot go
 * unrun silently.
 *
 * @module
 */

const MARKED_BLOCK = /<!-- ([a-z-]+):([a-z0-9-]+) -->\n```([a-z]*)\n([\s\S]*?)```/g;
const KINDS = new Set(['quick-start', 'example', 'shell', 'matrix']);
const LANGS = { 'quick-start': ['ts'], example: ['ts'], shell: ['bash', 'sh'], matrix: ['sh'] };

/**
 * Every marked block of `markdown`, in order: `{ kind, name, lang, code, expectedOutput }`.
 * `expectedOutput` is what a quick start prints, read from its `console.log(…); // what it prints`
 * comments (a trailing remark in parentheses, such as "(on a fresh mock)", is not printed).
 */
export function runnableBlocks(markdown, source = 'README') {
  const blocks = [];
  for (const [, kind, name, lang, code] of markdown.matchAll(MARKED_BLOCK)) {
    if (!KINDS.has(kind)) {
      throw new Error(`${source}: <!-- ${kind}:${name} --> marks a block this check does not know how to run`);
    }
    if (!LANGS[kind].includes(lang)) {
      throw new Error(
        `${source}: <!-- ${kind}:${name} --> marks a \`\`\`${lang} block, not ${LANGS[kind].join(' or ')}`,
      );
    }
    blocks.push({ kind, name, lang, code, expectedOutput: expectedOutput(code) });
  }
  return blocks;
}

/** The lines a block's `console.log` calls print, from the comment ending each such line. */
export function expectedOutput(code) {
  const lines = [];
  for (const line of code.split('\n')) {
    if (!line.includes('console.log(')) continue;
    const comment = /;\s*\/\/\s*(.+)$/.exec(line)?.[1];
    if (comment === undefined) return undefined;
    lines.push(comment.replace(/\s*\([^()]*\)\s*$/, '').trim());
  }
  return lines;
}
