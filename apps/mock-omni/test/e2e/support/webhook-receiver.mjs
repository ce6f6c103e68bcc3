/**
 * A webhook receiver for the end-to-end tests, run as its OWN process (node webhook-receiver.mjs
 * <secret>): listens on 127.0.0.1:0, checks each delivery's HMAC signature, records every request,
 * and answers as its rules say. It talks to the test over IPC:
 *   → { port }                       once listening
 *   ← { rules: [{ type?, call_state?, fail: n | "always", status? }], delayMs? }   how to answer from now on
 *   ← "received"  → { received: [...] }   every request so far, in arrival order
 *   ← "exit"
 *
 * @module
 */

import { createHmac } from 'node:crypto';
import http from 'node:http';

const secret = process.argv[2] ?? '';
let rules = [];
let delayMs = 0;
const received = [];
const attemptsById = new Map();

function failing(notification, id) {
  const payload = notification.payload ?? {};
  for (const rule of rules) {
    if (rule.type !== undefined && rule.type !== notification.type) continue;
    if (rule.call_state !== undefined && rule.call_state !== payload.call_state) continue;
    const seen = attemptsById.get(id) ?? 0;
    if (rule.fail === 'always' || seen <= rule.fail) return rule.status ?? 500;
  }
  return 0;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = String(req.headers['x-omni-notification-id'] ?? '');
    const timestamp = String(req.headers['x-omni-timestamp'] ?? '');
    const signature = req.headers['x-omni-signature'];
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
    attemptsById.set(id, (attemptsById.get(id) ?? 0) + 1);
    let notification = null;
    try {
      notification = JSON.parse(body);
    } catch {}
    const status = notification ? failing(notification, id) || 200 : 400;
    received.push({
      id,
      timestamp,
      signatureValid: signature === expected,
      contentType: req.headers['content-type'] ?? '',
      body,
      status,
      at: Date.now(),
    });
    const answer = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'try again');
    };
    if (delayMs > 0) setTimeout(answer, delayMs);
    else answer();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'received') process.send({ received });
  else if (m === 'exit') {
    // The mock may be delivering (or holding a kept-alive socket) right now: close() alone would
    // wait for that connection, up to keepAliveTimeout; the test is done with it: drop every socket.
    server.close(() => process.exit(0));
    server.closeAllConnections();
  } else if (m && typeof m === 'object' && Array.isArray(m.rules)) {
    rules = m.rules;
    delayMs = typeof m.delayMs === 'number' ? m.delayMs : 0;
    process.send({ rules: rules.length });
  }
});
process.on('disconnect', () => process.exit(0));
