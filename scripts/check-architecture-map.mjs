/**
 * Keeps docs/architecture.md true to the tree.
 *
 * The map names folders as backticked paths from the repository root ending in `/`
 * (`apps/mock-omni/src/engine/calls/`). This check fails when
 * - a folder the map names does not exist;
 * - a folder of a workspace (its own folder included) is not named;
 * - a folder under `test/` mirrors no folder of `src/` and is not (inside) one of the cross-cutting test
 *   folders the map lists (the paragraph starting `Cross-cutting test folders:`).
 * Folders are those holding files git tracks or would track (ignored build output does not count).
 *
 * Run: node scripts/check-architecture-map.mjs [root]. Exit 0 and one line when the map holds, 1 and a
 * line per problem when it does not.
 *
 * @module
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const MAP = 'docs/architecture.md';

/** Every folder (with a trailing `/`) that holds a file git tracks or would track, below `root`. */
function trackedFolders(root) {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const folders = new Set();
  for (const file of out.split('\0')) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(`${parts.slice(0, i).join('/')}/`);
  }
  return folders;
}

/** The problems with the map at `root` (empty when it holds). */
export function checkArchitectureMap(root) {
  const map = readFileSync(join(root, MAP), 'utf8');
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const folders = trackedFolders(root);
  const named = new Set(
    [...map.matchAll(/`((?:apps|packages)\/[^`\s]*\/)`/g)].map((m) => m[1]).filter((p) => !p.includes('*')),
  );
  const crossLine = /^Cross-cutting test folders:([\s\S]*?)(?:\n\s*\n|(?![\s\S]))/m.exec(map);
  const crossCutting = new Set(crossLine ? [...crossLine[1].matchAll(/`([^`/]+)\/?`/g)].map((m) => m[1]) : []);
  const problems = [];

  for (const path of [...named].sort()) {
    if (!folders.has(path)) problems.push(`${MAP} names ${path}, which does not exist`);
  }
  for (const ws of workspaces) {
    const tests = `${ws}/test/`;
    for (const folder of [...folders].sort()) {
      if (!folder.startsWith(`${ws}/`)) continue;
      if (!named.has(folder)) problems.push(`${folder} is not named in ${MAP}`);
      if (!folder.startsWith(tests) || folder === tests) continue;
      const rel = folder.slice(tests.length);
      const crossCuts = rel.split('/').some((segment) => crossCutting.has(segment));
      if (!folders.has(`${ws}/src/${rel}`) && !crossCuts) {
        problems.push(`${folder} mirrors no folder of ${ws}/src/ and is not a cross-cutting test folder`);
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(process.argv[2] ?? new URL('..', import.meta.url).pathname);
  const problems = checkArchitectureMap(root);
  for (const p of problems) console.error(`architecture map: ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log(`architecture map: ${MAP} matches the tree`);
}
