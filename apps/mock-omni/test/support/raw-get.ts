/**
 * A GET sent with node's http module, for headers fetch() will not send as given (a forged `Host`, a `Cookie`).
 *
 * @module
 */

import { request } from 'node:http';

/** Sends `GET url` with exactly `headers` and resolves with the status and the body as text. */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
