/**
 * The bench's baseline: bare Hono on @hono/node-server over better-sqlite3 (WAL, synchronous=NORMAL, prepared
 * statements), `GET /calls/:id` reading a row and `POST /calls` inserting one. What the mock is measured against
 * (the http bench's 70% target). Run as a script (`node --import tsx bench/baseline-server.ts <db file>`), it listens on a
 * free loopback port, prints `baseline listening on <url>` and stops on SIGTERM — the http bench runs it so, in its
 * own process, as it runs the mock's CLI.
 *
 * @module
 */

import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';

/** Starts the baseline on the database file at `path`, listening on a free loopback port. */
export async function startBaseline(path: string): Promise<{ url: string; close(): Promise<void> }> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS calls (
    call_id INTEGER PRIMARY KEY AUTOINCREMENT,
    phone_number TEXT NOT NULL,
    call_state TEXT NOT NULL,
    created_at INTEGER NOT NULL
  )`);
  const insert = db.prepare('INSERT INTO calls (phone_number, call_state, created_at) VALUES (?, ?, ?)');
  const read = db.prepare('SELECT call_id, phone_number, call_state, created_at FROM calls WHERE call_id = ?');
  for (let i = 0; i < 1000; i++) insert.run(`0215550${String(i).padStart(3, '0')}`, 'ended', Date.now());
  const app = new Hono();
  app.get('/calls/:id', (c) => {
    const row = read.get(Number(c.req.param('id')));
    return row ? c.json(row) : c.json({ error: 'not found' }, 404);
  });
  app.post('/calls', async (c) => {
    const body = (await c.req.json()) as { phone_number: string };
    const info = insert.run(body.phone_number, 'initiated', Date.now());
    return c.json({ call_id: Number(info.lastInsertRowid) });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: node --import tsx bench/baseline-server.ts <database file>');
    process.exit(2);
  }
  const server = await startBaseline(path);
  console.log(`baseline listening on ${server.url}`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}
