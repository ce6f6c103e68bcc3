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
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).length;
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js')).length;
console.log(`omni-mock bundle: ${inputs} modules into ${outputs} files in dist/bundle/`);
