// `npm run release:dry`: what a release made now would publish, without publishing anything. First
// the pending changesets' version bumps (`changeset status --verbose`), then for each workspace
// package the tarball `npm publish --dry-run` would upload: name@version, size, and its files by
// folder (`--files` lists every file). Exits non-zero when either command fails (a package changed
// since main without a changeset, a malformed changeset, a package npm refuses to pack).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** A byte count as a person reads it. */
export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The lines that describe one package's `npm publish --dry-run --json` result: a heading, then the
 * files grouped by their first folder (top-level files by name), or every file when `allFiles`.
 */
export function describeTarball(result, allFiles = false) {
  const lines = [
    `${result.name}@${result.version}: ${result.files.length} files, ${formatBytes(result.size)} packed, ${formatBytes(result.unpackedSize)} unpacked`,
  ];
  if (allFiles) {
    for (const file of result.files) lines.push(`  ${file.path}  (${formatBytes(file.size)})`);
    return lines;
  }
  const groups = new Map();
  for (const file of result.files) {
    const slash = file.path.indexOf('/');
    const key = slash === -1 ? file.path : `${file.path.slice(0, slash)}/`;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count += 1;
    group.bytes += file.size;
    groups.set(key, group);
  }
  for (const [key, { count, bytes }] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `  ${key.padEnd(20)} ${key.endsWith('/') ? `${count} file${count === 1 ? '' : 's'}, ` : ''}${formatBytes(bytes)}`,
    );
  }
  return lines;
}

function main() {
  const { values } = parseArgs({ options: { files: { type: 'boolean' } } });
  const root = fileURLToPath(new URL('..', import.meta.url));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  let failed = false;

  console.log('== Version bumps from the pending changesets (changeset status --verbose)\n');
  const status = spawnSync(npm, ['exec', '--', 'changeset', 'status', '--verbose'], { cwd: root, stdio: 'inherit' });
  if (status.status !== 0) failed = true;

  console.log('\n== What npm publish would upload (npm publish --dry-run), at the versions in package.json\n');
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const dir of workspaces) {
    const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    if (pkg.private) {
      console.log(`${pkg.name}@${pkg.version}: private, not published\n`);
      continue;
    }
    const run = spawnSync(npm, ['publish', '--dry-run', '--json', '--ignore-scripts', '--workspace', dir], {
      cwd: root,
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      failed = true;
      console.log(`${pkg.name}@${pkg.version}: npm publish --dry-run failed\n${run.stderr.trim()}\n`);
      continue;
    }
    const result = JSON.parse(run.stdout)[pkg.name];
    console.log(`${describeTarball(result, values.files).join('\n')}\n`);
  }
  console.log('Nothing was published. A release: npx changeset version, commit, then npx changeset publish.');
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
