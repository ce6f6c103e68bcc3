// `npm run registry:smoke` (and CI's "registry" phase): OmniKit as its users get it. Starts a local
// Verdaccio, publishes every workspace package to it, then in a fresh project outside the repository
// does what a user does: installs @omnikit/mock-omni, sdk and scenarios with vitest and jest from that
// registry, starts `npx omni-mock`, runs every README block a user is told to run (the sdk's quick
// starts, the scenarios' example test), a vitest and a jest suite on `startMockOmni()`, and
// `npx omnikit-console` against the mock. Prints each step's time; exit 0 when all of it worked.
// Every process and temp folder it makes is removed at the end, on failure and on Ctrl-C too.
// Needs the packages built (`npm ci` builds them) and network access to registry.npmjs.org.
// `--keep` leaves the temp folders (registry storage, the user's project) in place to look into.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  cleanUpNow,
  keepTempFolders,
  run,
  start,
  stop,
  tempFolder,
  userEnv,
} from './registry-smoke/child-processes.mjs';
import { freePort } from './registry-smoke/free-port.mjs';
import { startLocalRegistry } from './registry-smoke/local-registry.mjs';
import { runnableBlocks } from './registry-smoke/runnable-blocks.mjs';
import { waitForAnswer } from './registry-smoke/wait-for-answer.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'scripts', 'registry-smoke', 'fixtures');

// What the user's project adds beside OmniKit, pinned to versions that run on Node 20 (vitest 4
// needs 20.19+, jest 30 needs 18.14+). tsx runs the TypeScript quick starts; ws is the WebSocket the
// sdk README tells a Node user to hand to OmniPhone.
const USER_TOOLS = ['vitest@4.1.12', 'jest@30.5.2', 'tsx@4.23.15', 'ws@8.23.0'];
// The console is installed too: its package is not named after its bin, and `npx --package` would
// keep it in npx's cache, where the next run (same version, new code) would find the old one.
const USER_PACKAGES = ['@omnikit/mock-omni', '@omnikit/sdk', '@omnikit/scenarios', '@omnikit/agent-console'];

// `npx omni-mock`'s first 200 after an install should come within 1 s. The step fails only past 3 s:
// a cold CI disk loads the mock's modules (and the native addon) several times slower than a warm one.
const MOCK_TARGET_MS = 1_000;
const MOCK_LIMIT_MS = 3_000;
// The whole phase must add at most 4 minutes to CI.
const PHASE_BUDGET_S = 240;

const phaseStart = performance.now();
if (process.argv.includes('--keep')) keepTempFolders();
const log = (line) => console.log(`registry-smoke: ${line}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

async function step(title, action) {
  log(`▸ ${title}`);
  const t0 = performance.now();
  const result = await action();
  log(`✓ ${title} (${seconds(performance.now() - t0)})`);
  return result;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping every child process and removing the temp folders`);
    cleanUpNow();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
process.on('exit', cleanUpNow);

/** The workspace packages, in the root's order (each after what it depends on). */
function workspacePackages() {
  return readJson(join(root, 'package.json')).workspaces.map((dir) => ({
    dir: join(root, dir),
    manifest: readJson(join(root, dir, 'package.json')),
  }));
}

/** Starts `npx omni-mock` on a fresh database; resolves once it answers, with the time that took. */
async function startMock(project, name) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = start('npx', ['omni-mock', '--port', String(port), '--db', join(project, `${name}.db`)], {
    cwd: project,
  });
  await waitForAnswer(`${url}/health`, { child, timeoutMs: 30_000, everyMs: 10 });
  return { url, child, firstAnswerMs: performance.now() - t0 };
}

/** How better-sqlite3's native addon got into the project: a prebuilt binary, or compiled here (how long). */
function nativeAddon(project) {
  const build = join(project, 'node_modules', 'better-sqlite3', 'build');
  const addon = join(build, 'Release', 'better_sqlite3.node');
  if (!existsSync(addon)) return 'better-sqlite3: no native addon was installed';
  if (!existsSync(join(build, 'Release', 'obj.target'))) return 'better-sqlite3: a prebuilt binary was downloaded';
  // node-gyp writes config.gypi when it configures and the addon when it links: the compile between.
  const took = statSync(addon).mtimeMs - statSync(join(build, 'config.gypi')).mtimeMs;
  return `better-sqlite3: no prebuilt binary could be fetched, so it was compiled from source in ${seconds(took)} (within the install)`;
}

/** Runs a quick start the README prints, in the project, and checks it prints what its comments say. */
async function runQuickStart(project, block, mock) {
  const file = join(project, `quick-start-${block.name}.ts`);
  writeFileSync(file, block.code);
  const output = await run('npx', ['tsx', file], {
    cwd: project,
    timeoutMs: 60_000,
    stdoutOnly: true,
    env: userEnv({ OMNI_BASE_URL: mock.url, OMNI_SYSTEM_KEY: 'omni-demo-key' }),
  });
  const printed = output.trim().split('\n');
  for (const line of printed) log(`    ${line}`);
  if (block.expectedOutput && printed.join('\n') !== block.expectedOutput.join('\n')) {
    throw new Error(
      `quick start "${block.name}" printed\n${printed.join('\n')}\ninstead of what its comments say:\n${block.expectedOutput.join('\n')}`,
    );
  }
}

/** Where a README's shell block expects the mock (`npm start`'s address). */
const README_MOCK_URL = 'http://127.0.0.1:4010';

/**
 * Runs a README's shell block verbatim in the project, against `mock` instead of :4010. Each answer curl
 * prints must be JSON that reports no failure (no `error_code`, no `success: false`); a curl that fails
 * (refused, or an HTTP error) fails the block. curl is wrapped only to end each answer with a newline.
 */
async function runShellBlock(project, block, mock) {
  const script = [
    'set -euo pipefail',
    'curl() { command curl --fail-with-body "$@"; echo; }',
    block.code.replaceAll(README_MOCK_URL, mock.url),
  ].join('\n');
  const output = await run('bash', ['-c', script], { cwd: project, timeoutMs: 60_000, stdoutOnly: true });
  const answers = output.split('\n').filter((line) => line.trim() !== '');
  if (answers.length === 0) throw new Error(`shell block "${block.name}" printed nothing`);
  for (const line of answers) {
    let answer;
    try {
      answer = JSON.parse(line);
    } catch {
      throw new Error(`shell block "${block.name}" printed a line that is not JSON: ${line}`);
    }
    if (answer && typeof answer === 'object' && (answer.error_code !== undefined || answer.success === false)) {
      throw new Error(`shell block "${block.name}" got a failure: ${line}`);
    }
    log(`    ${line.length > 150 ? `${line.slice(0, 150)}…` : line}`);
  }
}

async function main() {
  const packages = workspacePackages();
  for (const { dir, manifest } of packages) {
    const bins = Object.values(manifest.bin ?? {});
    const main = manifest.exports?.['.']?.default;
    for (const built of [...bins, ...(main ? [main] : [])]) {
      if (!existsSync(join(dir, built))) throw new Error(`${manifest.name}: ${built} is missing`);
    }
    if (!existsSync(join(dir, 'dist'))) {
      throw new Error(`${manifest.name} is not built (no dist/): run npm ci or npx turbo run build first`);
    }
  }

  const registryDir = tempFolder('omnikit-registry-');
  const registry = await step('start a local Verdaccio (storage in a temp folder)', async () => {
    const started = await startLocalRegistry({ dir: registryDir, port: await freePort() });
    log(`  Verdaccio at ${started.url}, storage ${registryDir}`);
    return started;
  });
  const registryHost = registry.url.replace(/^http:/, '');
  const publishConfig = join(registryDir, 'publish.npmrc');
  writeFileSync(publishConfig, `registry=${registry.url}/\n${registryHost}/:_authToken=${registry.token}\n`);

  try {
    await step(`publish ${packages.length} packages to it`, async () => {
      for (const { dir, manifest } of packages) {
        const out = await run(
          'npm',
          ['publish', '--json', '--registry', `${registry.url}/`, '--userconfig', publishConfig],
          {
            cwd: dir,
          },
        );
        // npm exits 0 without publishing a private package: no JSON then.
        if (!out.includes('{')) throw new Error(`npm publish of ${manifest.name} published nothing:\n${out.trim()}`);
        const json = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1));
        const info = json[manifest.name] ?? json;
        log(
          `  ${info.id}: ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} kB packed, ${(info.unpackedSize / 1024).toFixed(0)} kB unpacked`,
        );
      }
    });

    const project = join(tempFolder('omnikit-user-'), 'crm-app');
    mkdirSync(project);
    await step(`a fresh project outside the repository: ${project}`, async () => {
      await run('npm', ['init', '-y'], { cwd: project });
      const manifest = readJson(join(project, 'package.json'));
      manifest.type = 'module';
      manifest.jest = { testEnvironment: 'node', transform: {} };
      writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      // The project's own .npmrc: npm install and npx both read it.
      writeFileSync(join(project, '.npmrc'), `registry=${registry.url}/\n`);
    });

    await step(`npm install -D ${[...USER_PACKAGES, ...USER_TOOLS].join(' ')}`, async () => {
      const t0 = performance.now();
      const out = await run('npm', ['install', '-D', '--no-audit', '--no-fund', ...USER_PACKAGES, ...USER_TOOLS], {
        cwd: project,
        timeoutMs: 480_000,
      });
      for (const line of out.trim().split('\n').slice(-3)) log(`  npm: ${line}`);
      log(`  install took ${seconds(performance.now() - t0)}`);
      log(`  ${nativeAddon(project)}`);
      for (const name of USER_PACKAGES) {
        const installed = readJson(join(project, 'node_modules', name, 'package.json'));
        const published = packages.find((p) => p.manifest.name === name)?.manifest.version;
        if (installed.version !== published) {
          throw new Error(`${name}@${installed.version} installed, but ${published} was published`);
        }
      }
    });

    const mock = await step('npx omni-mock --port <free> --db <temp file>: time to its first 200', async () => {
      const started = await startMock(project, 'first');
      const verdict =
        started.firstAnswerMs <= MOCK_TARGET_MS
          ? `within the ${seconds(MOCK_TARGET_MS)} target`
          : `over the ${seconds(MOCK_TARGET_MS)} target (fails only past ${seconds(MOCK_LIMIT_MS)}: a cold disk varies)`;
      log(`  first 200 from ${started.url}/health ${Math.round(started.firstAnswerMs)} ms after spawn, ${verdict}`);
      if (started.firstAnswerMs > MOCK_LIMIT_MS) {
        await stop(started.child);
        throw new Error(
          `npx omni-mock took ${seconds(started.firstAnswerMs)} to answer (limit ${seconds(MOCK_LIMIT_MS)})`,
        );
      }
      return started;
    });

    const readmes = [{ name: 'the repository', path: join(root, 'README.md') }]
      .concat(packages.map(({ dir, manifest }) => ({ name: manifest.name, path: join(dir, 'README.md') })))
      .filter(({ path }) => existsSync(path))
      .map(({ name, path }) => ({ name, blocks: runnableBlocks(readFileSync(path, 'utf8'), path) }));
    const ran = [];

    try {
      for (const { name, blocks } of readmes) {
        for (const block of blocks.filter((b) => b.kind === 'quick-start')) {
          // Each quick start gets a fresh mock: their printed ids are those of the demo data.
          await step(`${name} README, quick start "${block.name}", verbatim, with tsx`, async () => {
            const fresh = ran.length === 0 ? mock : await startMock(project, block.name);
            try {
              await runQuickStart(project, block, fresh);
            } finally {
              if (fresh !== mock) await stop(fresh.child);
            }
          });
          ran.push(`${name} quick-start:${block.name}`);
        }
        for (const block of blocks.filter((b) => b.kind === 'shell')) {
          // A fresh mock each: the blocks print the ids of the demo data.
          await step(`${name} README, shell block "${block.name}", verbatim, against npx omni-mock`, async () => {
            const fresh = await startMock(project, `shell-${block.name}`);
            try {
              await runShellBlock(project, block, fresh);
            } finally {
              await stop(fresh.child);
            }
          });
          ran.push(`${name} shell:${block.name}`);
        }
      }

      await step('npx omnikit-console against the mock: its health route', async () => {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        const child = start('npx', ['omnikit-console', '--port', String(port), '--omni-url', mock.url], {
          cwd: project,
        });
        try {
          const health = await (
            await waitForAnswer(`${url}/health`, { child, timeoutMs: 90_000, everyMs: 100 })
          ).json();
          if (health.status !== 'ok' || health.target !== 'mock') {
            throw new Error(`the console's /health answered ${JSON.stringify(health)}`);
          }
          const page = await fetch(`${url}/`);
          const html = await page.text();
          if (page.status !== 200 || !html.includes('<html')) {
            throw new Error(
              `the console's web app is not served (GET / answered ${page.status}): ${html.slice(0, 200)}`,
            );
          }
          log(`  npx omnikit-console at ${url}: /health ${JSON.stringify(health)}; GET / serves the web app`);
        } finally {
          await stop(child);
        }
      });
    } finally {
      await stop(mock.child);
    }

    await step('a vitest suite on startMockOmni(), with the README example test', async () => {
      const dir = join(project, 'test', 'vitest');
      mkdirSync(dir, { recursive: true });
      for (const file of readdirSync(join(fixtures, 'vitest')))
        copyFileSync(join(fixtures, 'vitest', file), join(dir, file));
      for (const { name, blocks } of readmes) {
        for (const block of blocks.filter((b) => b.kind === 'example')) {
          writeFileSync(join(dir, `${block.name}.test.ts`), block.code);
          ran.push(`${name} example:${block.name}`);
        }
      }
      const out = await run('npx', ['vitest', 'run', 'test/vitest'], {
        cwd: project,
        timeoutMs: 120_000,
        env: userEnv({ NO_COLOR: '1', FORCE_COLOR: '0' }),
      });
      for (const line of out
        .trim()
        .split('\n')
        .filter((l) => /Test Files|Tests /.test(l)))
        log(`  vitest: ${line.trim()}`);
    });

    await step('a jest suite (native ESM) on startMockOmni()', async () => {
      const dir = join(project, 'test', 'jest');
      mkdirSync(dir, { recursive: true });
      for (const file of readdirSync(join(fixtures, 'jest')))
        copyFileSync(join(fixtures, 'jest', file), join(dir, file));
      const out = await run('npx', ['jest', 'test/jest'], {
        cwd: project,
        timeoutMs: 120_000,
        env: userEnv({ NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning' }),
      });
      for (const line of out
        .trim()
        .split('\n')
        .filter((l) => /^Tests:|^Test Suites:/.test(l)))
        log(`  jest: ${line}`);
    });

    log(`README blocks run: ${ran.join(', ')}`);
  } finally {
    await registry.stop();
  }
}

try {
  await main();
  const total = (performance.now() - phaseStart) / 1000;
  log(`passed in ${total.toFixed(1)} s (budget ${PHASE_BUDGET_S} s)`);
  if (total > PHASE_BUDGET_S) log(`over the ${PHASE_BUDGET_S} s budget the phase may add to CI`);
} catch (error) {
  console.error(`registry-smoke: FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  cleanUpNow();
}
