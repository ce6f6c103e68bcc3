/**
 * A throwaway Verdaccio on loopback: `@omnikit/*` lives only here, everything else comes
 * through from the public npm registry.
 *
 * @module
 */

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { start, stop } from './child-processes.mjs';
import { waitForAnswer } from './wait-for-answer.mjs';

const require = createRequire(import.meta.url);

/**
 * The registry's configuration. `@omnikit/*` has no uplink, so an install can only get the packages
 * just published (never a namesake on npmjs); publishing needs a user, which anyone may add
 * (`htpasswd`, the registry's own API). `max_body_size` fits the console's tarball with its web build.
 */
function config(dir) {
  return `storage: ${join(dir, 'storage')}
auth:
  htpasswd:
    file: ${join(dir, 'htpasswd')}
    max_users: 10
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 60s
    max_fails: 5
packages:
  '@omnikit/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
max_body_size: 200mb
web:
  enable: false
middlewares:
  audit:
    enabled: false
log:
  type: file
  path: ${join(dir, 'verdaccio.log')}
  format: pretty
  level: warn
`;
}

/**
 * Starts Verdaccio (the root devDependency) on 127.0.0.1:`port` with its storage and config in `dir`,
 * and adds a publishing user through its API. Resolves to `{ url, token, child, stop() }`.
 */
export async function startLocalRegistry({ dir, port }) {
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, config(dir));
  const bin = join(dirname(require.resolve('verdaccio/package.json')), 'bin', 'verdaccio');
  const child = start(process.execPath, [bin, '--config', configPath, '--listen', `127.0.0.1:${port}`], { cwd: dir });
  const url = `http://127.0.0.1:${port}`;
  await waitForAnswer(`${url}/-/ping`, { child, timeoutMs: 60_000, everyMs: 100 });
  const token = await addUser(url, 'omnikit-ci', `throwaway-${process.pid}-${Date.now()}`);
  return { url, token, child, stop: () => stop(child) };
}

/** CouchDB's user route, as `npm adduser` calls it: creates the user and answers a token. */
async function addUser(url, name, password) {
  const response = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [] }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status !== 201 || typeof body.token !== 'string') {
    throw new Error(`the local registry refused to add a user: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}
