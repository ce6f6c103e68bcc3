/**
 * Brings the peers the bench compares with: Prism, Mockoon and WireMock (whose npm package ships its
 * standalone jar), pinned, installed with npm into a folder of the system's temp directory — never into
 * the repository — and kept there for the next run. WireMock runs on the machine's Java.
 *
 * @module
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The versions compared: the newest of each that runs on Node 20 (Prism 5.15 and later need Node 24). */
export const PEER_PACKAGES = ['@stoplight/prism-cli@5.14.2', '@mockoon/cli@9.9.0', 'wiremock@3.13.2'] as const;

/** Where each installed peer's entry point is. */
export interface InstalledPeers {
  dir: string;
  prism: string;
  mockoon: string;
  wiremockJar: string;
}

/** The first line `java -version` prints; throws with the install command when there is no java. */
export function javaVersion(java = 'java'): string {
  const run = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(
      `WireMock needs Java 17 and \`${java}\` did not run (${run.error?.message ?? `exit ${run.status}`}).\n` +
        'Install it: apt-get install openjdk-17-jre-headless',
    );
  }
  return (run.stderr || run.stdout).split('\n')[0]?.trim() ?? '';
}

function binOf(dir: string, name: string, bin: string): string {
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  const rel = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[bin];
  if (!rel) throw new Error(`${name} names no ${bin} executable`);
  return join(dir, 'node_modules', name, rel);
}

/** Installs the peers (once: a later run finds them) and says where they are. */
export function installPeers(log: (line: string) => void): InstalledPeers {
  const dir = join(tmpdir(), `omnikit-bench-peers-${PEER_PACKAGES.join('-').replace(/[^a-z0-9.-]+/gi, '_')}`);
  const done = join(dir, 'installed.json');
  if (!existsSync(done) || readFileSync(done, 'utf8') !== JSON.stringify(PEER_PACKAGES)) {
    log(`installing ${PEER_PACKAGES.join(', ')} into ${dir} …`);
    mkdirSync(dir, { recursive: true });
    // Run from the folder itself so npm does not take the repository for the project. No install
    // scripts: none of the three needs one (Prism's only one reports the download to a tracker).
    execFileSync(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...PEER_PACKAGES],
      { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    writeFileSync(done, JSON.stringify(PEER_PACKAGES));
  } else {
    log(`peers already installed in ${dir}`);
  }
  const jars = join(dir, 'node_modules', 'wiremock', 'build');
  const jar = readdirSync(jars).find((f) => f.endsWith('.jar'));
  if (!jar) throw new Error(`the wiremock package in ${jars} holds no jar`);
  return {
    dir,
    prism: binOf(dir, '@stoplight/prism-cli', 'prism'),
    mockoon: binOf(dir, '@mockoon/cli', 'mockoon-cli'),
    wiremockJar: join(jars, jar),
  };
}
