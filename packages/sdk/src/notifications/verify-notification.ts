import { NOTIFICATION_HEADERS } from '@omnikit/contracts';
import { checkNumberOption } from '../internal/check-number-option.js';
import { NotificationSignatureError } from '../omni-error.js';

/**
 * Request headers as a standard `Headers` or a plain record (Node's `IncomingHttpHeaders` fits).
 *
 * @example
 * ```ts
 * import type { IncomingMessage } from 'node:http';
 * import { type HeaderSource, verifyNotification } from '@omnikit/sdk';
 *
 * async function check(message: IncomingMessage, rawBody: Uint8Array): Promise<void> {
 *   const headers: HeaderSource = message.headers; // Node's headers fit as they are
 *   await verifyNotification(rawBody, headers, 'a-long-random-secret');
 * }
 * ```
 */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * How strict `verifyNotification` is about time, and which clock it reads.
 *
 * @example
 * ```ts
 * import { verifyNotification, type VerifyOptions } from '@omnikit/sdk';
 *
 * const options: VerifyOptions = { toleranceSeconds: 60 };
 * export async function check(request: Request): Promise<void> {
 *   await verifyNotification(await request.text(), request.headers, 'a-long-random-secret', options);
 * }
 * ```
 */
export interface VerifyOptions {
  /**
   * How far `X-Omni-Timestamp` may be from now, either way, in seconds. Default 300. 0 or more
   * (`Infinity`: any age); anything else (a `NaN` from an unset environment variable) is a
   * TypeError, never a check quietly turned off.
   */
  readonly toleranceSeconds?: number;
  /** The wall clock, epoch ms. Default `Date.now`. */
  readonly now?: () => number;
}

const encoder = new TextEncoder();

/**
 * Verifies a delivery (B.7): `X-Omni-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "."
 * + raw body)>`, compared in constant time, and `X-Omni-Timestamp` (unix seconds) within
 * `toleranceSeconds` of now, against replays. Pass the body exactly as received (text or bytes),
 * before any JSON parsing: a body a framework has already parsed into an object cannot be checked
 * (its bytes are gone), and is a TypeError saying so. Uses Web Crypto only, so it runs in Node ≥ 20
 * and in browsers. Resolves when the delivery is genuine; rejects with NotificationSignatureError
 * (its `reason` says why) otherwise, and with a TypeError for an empty secret or a bad option.
 *
 * @example
 * ```ts
 * import { parseNotification, verifyNotification } from '@omnikit/sdk';
 *
 * export async function receive(request: Request): Promise<Response> {
 *   const body = await request.text();
 *   // Rejects a forged or stale delivery.
 *   await verifyNotification(body, request.headers, process.env.OMNI_WEBHOOK_SECRET ?? '');
 *   console.log(parseNotification(body).type);
 *   return new Response(null, { status: 204 });
 * }
 * ```
 */
export async function verifyNotification(
  rawBody: string | Uint8Array | ArrayBuffer,
  headers: HeaderSource,
  secret: string,
  options: VerifyOptions = {},
): Promise<void> {
  checkSecret('verifyNotification', secret);
  const bytes = toBytes(rawBody, 'verifyNotification');
  const tolerance =
    checkNumberOption('verifyNotification', 'options.toleranceSeconds', options.toleranceSeconds, 'tolerance') ?? 300;
  const signature = readHeader(headers, NOTIFICATION_HEADERS.signature);
  if (signature === undefined) {
    throw new NotificationSignatureError(
      'missing_signature',
      `the ${NOTIFICATION_HEADERS.signature} header is missing`,
    );
  }
  const given = parseSignature(signature);
  if (given === undefined) {
    throw new NotificationSignatureError(
      'malformed_signature',
      `${NOTIFICATION_HEADERS.signature} must be sha256=<64 hex digits>`,
    );
  }
  const timestamp = readHeader(headers, NOTIFICATION_HEADERS.timestamp);
  if (timestamp === undefined) {
    throw new NotificationSignatureError(
      'missing_timestamp',
      `the ${NOTIFICATION_HEADERS.timestamp} header is missing`,
    );
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new NotificationSignatureError(
      'malformed_timestamp',
      `${NOTIFICATION_HEADERS.timestamp} must be unix seconds`,
    );
  }
  const expected = await hmacSha256(secret, concat(encoder.encode(`${timestamp}.`), bytes));
  // Signature first, then age: a stale but genuine delivery says "stale", a forged one "mismatch".
  if (!constantTimeEqual(expected, given)) {
    throw new NotificationSignatureError('mismatch', 'the signature does not match the body and timestamp');
  }
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  const age = nowSeconds - Number(timestamp);
  if (Math.abs(age) > tolerance) {
    throw new NotificationSignatureError(
      'stale_timestamp',
      `the delivery's timestamp is ${age} s from now, beyond the ${tolerance} s tolerance`,
    );
  }
}

/**
 * Signs like Omni does; for tests and for tools that replay deliveries. Returns `sha256=<hex>`.
 *
 * @example
 * ```ts
 * import { signNotification, verifyNotification } from '@omnikit/sdk';
 *
 * // Sign a test delivery as Omni would, then verify it as a receiver does.
 * const body = '{"type":"agent_state","payload":{}}';
 * const timestamp = Math.floor(Date.now() / 1000);
 * const signature = await signNotification(body, 'a-long-random-secret', timestamp);
 * const headers = { 'X-Omni-Signature': signature, 'X-Omni-Timestamp': String(timestamp) };
 * await verifyNotification(body, headers, 'a-long-random-secret');
 * ```
 */
export async function signNotification(
  rawBody: string | Uint8Array | ArrayBuffer,
  secret: string,
  timestamp: number,
): Promise<string> {
  checkSecret('signNotification', secret);
  const mac = await hmacSha256(secret, concat(encoder.encode(`${timestamp}.`), toBytes(rawBody, 'signNotification')));
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return `sha256=${hex}`;
}

/** A header by case-insensitive name; the first value when repeated. */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() !== lower) continue;
    const value = record[key];
    return typeof value === 'string' ? value : value?.[0];
  }
  return undefined;
}

function parseSignature(value: string): Uint8Array | undefined {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(value.trim());
  if (!match) return undefined;
  const hex = match[1] as string;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Compares every byte whatever the first difference, so timing says nothing about the secret. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

async function hmacSha256(secret: string, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, data));
}

/**
 * A webhook secret: a non-empty string. Web Crypto refuses an empty HMAC key with a bare
 * DOMException, which a receiver would turn into a failure of every delivery; an empty one usually
 * means a configuration value that is set but blank.
 */
export function checkSecret(where: string, secret: unknown): void {
  if (typeof secret === 'string' && secret !== '') return;
  throw new TypeError(
    `${where}: secret must be a non-empty string (the one given to notifications.setEndpoint); got ${
      typeof secret === 'string' ? 'an empty string' : typeof secret
    }`,
  );
}

/**
 * The body's bytes: text is UTF-8, any byte view (a Node Buffer too) and an ArrayBuffer are taken as
 * they are. Anything else is a body a framework has parsed, whose bytes are gone.
 */
function toBytes(body: unknown, where: string): Uint8Array {
  if (typeof body === 'string') return encoder.encode(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer || Object.prototype.toString.call(body) === '[object ArrayBuffer]')
    return new Uint8Array(body as ArrayBuffer);
  throw new TypeError(
    `${where}: pass the raw body exactly as received (a string, a Buffer or other bytes), not ${
      body === null ? 'null' : typeof body === 'object' ? 'a parsed object' : typeof body
    }: a signature covers the bytes, and JSON.parse then JSON.stringify does not give them back`,
  );
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
