// Checks every changeset in .changeset/ before `changeset version` meets it: a frontmatter block
// whose lines each name a workspace package and a bump changesets knows, and a summary (the line
// that lands in the CHANGELOG). `changeset version` fails on a malformed file only at release time,
// and silently drops a package name that no longer exists; this fails in `npm test` instead.
// Run: node scripts/check-changesets.mjs (exit 1 with one line per problem).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUMP_TYPES = ['major', 'minor', 'patch', 'none'];

/**
 * The releases a changeset's text asks for, or the problems that make it unusable. `known` is the set
 * of package names it may name. An empty frontmatter (`changeset add --empty`) is valid and asks for
 * nothing.
 */
export function parseChangeset(text, known) {
  const problems = [];
  const match = /^---[ \t]*\r?\n([\s\S]*?)^---[ \t]*(?:\r?\n|$)([\s\S]*)$/m.exec(text);
  if (!match || text.slice(0, match.index).trim() !== '') {
    return { releases: [], summary: '', problems: ['no frontmatter: the file must start with a --- line'] };
  }
  const [, head, body] = match;
  const releases = [];
  for (const [i, raw] of head.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const entry = /^(?:"([^"]+)"|'([^']+)'|([^\s:"']+))\s*:\s*(\S+)$/.exec(line);
    if (!entry) {
      problems.push(`line ${i + 2}: "${line}" is not "<package>": <bump>`);
      continue;
    }
    const name = entry[1] ?? entry[2] ?? entry[3];
    const type = entry[4];
    if (!known.has(name)) problems.push(`line ${i + 2}: no workspace package is named ${name}`);
    if (!BUMP_TYPES.includes(type)) {
      problems.push(`line ${i + 2}: ${name}: "${type}" is not a bump type (${BUMP_TYPES.join(', ')})`);
    }
    if (releases.some((r) => r.name === name)) problems.push(`line ${i + 2}: ${name} is named twice`);
    releases.push({ name, type });
  }
  const summary = body.trim();
  if (releases.length > 0 && summary === '') problems.push('no summary below the frontmatter');
  return { releases, summary, problems };
}

/** The names of the root package.json's workspaces. */
export function workspaceNames(root) {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return new Set(workspaces.map((dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name));
}

/** Every problem of `.changeset/` under `root`, each as `<file>: <problem>`. */
export function checkChangesets(root) {
  const known = workspaceNames(root);
  const dir = join(root, '.changeset');
  const problems = [];
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  for (const group of [...(config.fixed ?? []), ...(config.linked ?? [])]) {
    for (const name of group) {
      if (!known.has(name)) problems.push(`config.json: no workspace package is named ${name}`);
    }
  }
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const parsed = parseChangeset(readFileSync(join(dir, file), 'utf8'), known);
    for (const problem of parsed.problems) problems.push(`${file}: ${problem}`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkChangesets(fileURLToPath(new URL('..', import.meta.url)));
  for (const problem of problems) console.error(`.changeset/${problem}`);
  process.exit(problems.length === 0 ? 0 : 1);
}
