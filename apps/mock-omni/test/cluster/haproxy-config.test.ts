import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bucketMapText } from '../../src/cluster/bucket-owners.js';
import { haproxyConfig, START_CHECK_PATH } from '../../src/cluster/haproxy-config.js';
import { INSTALLED_HAPROXY } from '../support/installed-haproxy.js';

const dir = mkdtempSync(join(tmpdir(), 'omni-haproxy-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const workers = [
  { index: 1, host: '127.0.0.1', port: 41001 },
  { index: 2, host: '127.0.0.1', port: 41002 },
  { index: 3, host: '127.0.0.1', port: 41003 },
];
const mapPath = join(dir, 'buckets.map');
const startToken = '0f0e4b1c-5b7a-4c8e-9d6f-2a3b4c5d6e7f';
const text = haproxyConfig({ host: '127.0.0.1', port: 41000, workers, mapPath, startToken });

describe('the cluster’s HAProxy configuration', () => {
  it('one backend per worker, each health-checked on /health and answering 503 in the error shape when down', () => {
    for (const w of workers) {
      const section = text.slice(text.indexOf(`\nbackend worker-${w.index}\n`) + 1).split('\n\n')[0] ?? '';
      expect(section).toContain('option httpchk GET /health');
      expect(section).toContain(`server worker-${w.index} 127.0.0.1:${w.port} check`);
      expect(section).toMatch(
        /http-error status 503 content-type application\/json string '\{"success":false,.*"error_code":"SERVICE_UNAVAILABLE"\}'/,
      );
    }
  });

  it('routes by the key’s bucket through the map, with the demo key for requests naming no system', () => {
    expect(text).toContain('bind 127.0.0.1:41000');
    expect(text).toContain('xxh32,mod(1024)');
    expect(text).toContain(`use_backend %[var(txn.omni_bucket),map_int(${mapPath},worker-1)]`);
    expect(text).toContain('str(omni-demo-key) unless');
    expect(text).toContain('http-response set-header X-Omni-Worker %b');
    // WebSocket upgrades pass through as tunnels that outlive an HTTP timeout.
    expect(text).toContain('timeout tunnel 8h');
  });

  it('fails on a port in use, even one another HAProxy holds, and answers its start token itself', () => {
    expect(text).toMatch(/^global\n {2}noreuseport\n/m);
    expect(text).toContain(
      `http-request return status 200 content-type text/plain string ${startToken} if { path ${START_CHECK_PATH} }`,
    );
    // Before the key is looked for: the check never reaches a worker.
    expect(text.indexOf(START_CHECK_PATH)).toBeLessThan(text.indexOf('set-var(txn.omni_key)'));
  });

  it('binds an IPv6 address in brackets', () => {
    expect(haproxyConfig({ host: '::1', port: 41000, workers, mapPath, startToken })).toContain('bind [::1]:41000');
  });

  it.skipIf(INSTALLED_HAPROXY === undefined).each(['127.0.0.1', '::1', '::'])(
    'on %s is a configuration HAProxy accepts (haproxy -c)',
    (host) => {
      writeFileSync(mapPath, bucketMapText(workers.length));
      const file = join(dir, 'haproxy.cfg');
      writeFileSync(file, haproxyConfig({ host, port: 41000, workers, mapPath, startToken }));
      expect(execFileSync(INSTALLED_HAPROXY ?? 'haproxy', ['-c', '-f', file], { encoding: 'utf8' })).toContain(
        'Configuration file is valid',
      );
    },
  );
});
