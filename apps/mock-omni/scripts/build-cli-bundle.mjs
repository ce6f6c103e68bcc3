/**
 * Bundles the `omni-mock` CLI (dist/main.js, as tsc built it) into `dist/bundle/`: a handful of files where the
 * compiled modules and their pure-JavaScript dependencies are several hundred, which Node's ES module loader spends most
 * of the start-up resolving, reading and compiling one by one. Dynamic imports stay separate chunks, loaded when they
 * are today (the SIP edge on the first WebSocket upgrade, the proxy, cluster and simulate commands when asked for).
 * Left to be loaded from node_modules (each a dependency of the package): native code, packages that read their own
 * files or are loaded with `require`, and what only a lazily loaded chunk needs. Library users import the unbundled
 * dist/. Run by `npm run build` after tsc.
 *
 * @module
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Where the bundle goes; `bin/omni-mock.js` runs its entry, `omni-mock.js`. */
export const BUNDLE_DIR = fileURLToPath(new URL('../dist/bundle', import.meta.url));

/** Loaded from node_modules at run time, each for the reason given. */
export const EXTERNAL = {
  'better-sqlite3': 'native code (a .node addon found by its own path)',
  '@faker-js/faker': 'required synchronously (createRequire) the first time demo data is built',
  'swagger-ui-dist': 'its asset folder is found with require.resolve and served from disk',
  uplot: 'its script and style are read from disk with require.resolve (simulate reports)',
  opusscript: 'reads its own compiled codec from its folder',
  werift: 'only --media webrtc loads it, with the SIP edge',
  ws: 'optional native helpers (bufferutil) required at run time; only the SIP edge loads it',
  'sip.js': 'only the SIP edge and phones load it, on the first WebSocket upgrade',
  undici: "CommonJS that requires Node's built-ins (which an ES module bundle cannot); loaded on the first webhook",
};

/**
 * zod's index re-exports its 60 locales (`z.locales`), a quarter of its code, which a bundle cannot leave out on its
 * own. The mock and the contracts speak English only (zod's default, `locales/en.js`, which zod's schemas import
 * themselves): in the CLI's bundle `z.locales` holds `en` alone. The build fails if zod no longer imports its locales
 * this way, so the substitution cannot silently stop working.
 */
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(build) {
    let replaced = 0;
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      replaced++;
      // A name, not a path: the source map shows it, so it must not carry this machine's folders.
      return {
        path: 'zod/locales/index.js',
        namespace: 'english-only-zod',
        pluginData: join(args.resolveDir, '..', 'locales'),
      };
    });
    build.onLoad({ filter: /.*/, namespace: 'english-only-zod' }, (args) => ({
      contents: "export { default as en } from './en.js';\n",
      resolveDir: args.pluginData,
      loader: 'js',
    }));
    build.onEnd((result) => {
      if (result.errors.length === 0 && replaced === 0)
        result.errors.push({
          text: "english-only-zod: zod no longer imports '../locales/index.js'; update the plugin",
        });
    });
  },
};

rmSync(BUNDLE_DIR, { recursive: true, force: true });
const result = await build({
  entryPoints: { 'omni-mock': fileURLToPath(new URL('../dist/main.js', import.meta.url)) },
  outdir: BUNDLE_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: Object.keys(EXTERNAL),
  plugins: [englishOnlyZod],
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).length;
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).length;
console.log(`omni-mock bundle: ${inputs} modules into ${outputs} files in dist/bundle/`);
