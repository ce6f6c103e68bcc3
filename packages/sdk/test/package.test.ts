import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(pkgDir, '..', '..', 'node_modules', '.bin', name);

/**
 * The published package: build it (`tsc -p tsconfig.build.json`), then check it as a consumer
 * would get it with publint and @arethetypeswrong/cli (both pack it with npm pack), and load the
 * built ESM to check the error classes and the browser-safety of the main entry.
 */
describe('the built package', () => {
  beforeAll(async () => {
    await run(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: pkgDir });
  }, 120_000);

  it('publint finds nothing', async () => {
    const { stdout } = await run(bin('publint'), ['--strict'], { cwd: pkgDir });
    expect(stdout).toContain('All good!');
  }, 120_000);

  it('@arethetypeswrong/cli passes for ESM consumers (node16 and bundlers)', async () => {
    const { stdout } = await run(bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--format', 'json'], {
      cwd: pkgDir,
      maxBuffer: 32 * 1024 * 1024,
    });
    // attw exits non-zero on a problem its profile counts (run() would reject). The esm-only
    // profile ignores node10 and CommonJS require(): list what is left, which must be nothing.
    const report = JSON.parse(stdout) as { analysis: { problems: { kind: string; resolutionKind?: string }[] } };
    const counted = report.analysis.problems.filter(
      (p) => p.resolutionKind === 'node16-esm' || p.resolutionKind === 'bundler',
    );
    expect(counted).toEqual([]);
    expect(
      report.analysis.problems.every((p) => p.resolutionKind === 'node10' || p.resolutionKind === 'node16-cjs'),
    ).toBe(true);
  }, 120_000);

  it('the ESM build throws error classes that instanceof recognises', async () => {
    const sdk = (await import(
      pathToFileURL(join(pkgDir, 'dist', 'index.js')).href
    )) as typeof import('../src/index.js');
    const client = new sdk.OmniClient({
      baseUrl: 'http://omni.test',
      systemKey: 'k',
      maxRetries: 0,
      fetch: async () =>
        new Response(JSON.stringify({ success: false, detail: 'no campaign 9', error_code: 'NOT_FOUND' }), {
          status: 404,
        }),
    });
    const omni = client.withSession(
      client.restoreSession({
        user_id: 1,
        user_name: 'agent1',
        token_key: 't',
        expiry_date: '2026-01-05T16:00:00.000Z',
      }),
    );
    const error = await omni.campaigns.get(9).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.NotFoundError);
    expect(error).toBeInstanceOf(sdk.ApiError);
    expect(error).toBeInstanceOf(sdk.OmniError);
    expect(error).toBeInstanceOf(Error);
    expect((error as InstanceType<typeof sdk.NotFoundError>).name).toBe('NotFoundError');
  });

  it('the main entry never imports a node: module (browser-safe); the node adapter is separate', () => {
    const seen = new Set<string>();
    const nodeImports: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:import|export)[^'"]*from\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1] as string;
        if (spec.startsWith('node:')) nodeImports.push(`${file}: ${spec}`);
        else if (spec.startsWith('.')) visit(join(dirname(file), spec));
      }
    };
    visit(join(pkgDir, 'dist', 'index.js'));
    expect(seen.size).toBeGreaterThan(5);
    expect(nodeImports).toEqual([]);
    const adapter = readFileSync(join(pkgDir, 'dist', 'node', 'node-listener.js'), 'utf8');
    expect(adapter).toContain('toNodeListener');
  });
});
