/**
 * Every line the mock logs, with secrets masked.
 *
 * A log line may quote a request (its URL with `?auth-key=`, a header, a body fragment, an error that names them):
 * whatever follows a secret field name of the contracts (`SECRET_FIELDS`) as `name=value`, `"name": "value"` or `name:
 * value`, and the password of any URL, reads `***`. Errors are logged as copies whose message and stack are masked the
 * same way.
 *
 * @module
 */

import { SECRET_FIELDS, SECRET_MASK } from '@omnikit/contracts';
import { maskUrlPasswords } from './http/journal-redaction.js';
import type { Logger } from './mock-services.js';

/** `token_key` also matches `tokenKey`, `token-key`, `TOKENKEY`: the contracts' rule for names. */
const NAMES = [...new Set(SECRET_FIELDS.map((n) => n.toLowerCase().replace(/[-_]/g, '')))]
  .map((n) => n.split('').join('[-_]?'))
  .sort((a, b) => b.length - a.length)
  .join('|');

const PATTERNS: [RegExp, string][] = [
  // "name": "value" (JSON), value a string; a non-string value up to the next , } ] or space.
  [new RegExp(`("(?:${NAMES})"\\s*:\\s*)(?:"(?:[^"\\\\]|\\\\.)*"|[^,}\\]\\s]+)`, 'gi'), `$1"${SECRET_MASK}"`],
  // name=value (a query string, a form, a cookie).
  [new RegExp(`(^|[^a-z0-9_-])((?:${NAMES})=)[^&\\s"';,]*`, 'gi'), `$1$2${SECRET_MASK}`],
  // name: value (a header as text): one word, or an auth scheme and its credentials.
  [
    new RegExp(`(^|[^a-z0-9_"-])((?:${NAMES}):[ \\t]*)(?:(?:Bearer|Basic|Digest)[ \\t]+)?[^\\s,;]+`, 'gi'),
    `$1$2${SECRET_MASK}`,
  ],
];

/** `text` with every secret it quotes masked. */
export function redactLogText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return maskUrlPasswords(out);
}

function redactError(error: unknown): unknown {
  if (typeof error === 'string') return redactLogText(error);
  if (!(error instanceof Error)) return error;
  const copy = new Error(redactLogText(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? undefined : redactLogText(error.stack);
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

/**
 * The logger the mock writes through: `inner`, given each line (and error) with secrets masked.
 *
 * @example redactingLogger(console).error('GET /omni/users?auth-key=k failed') // logs "…?auth-key=*** failed"
 */
export function redactingLogger(inner: Logger): Logger {
  return {
    info: (message) => inner.info(redactLogText(message)),
    error: (message, error) =>
      error === undefined
        ? inner.error(redactLogText(message))
        : inner.error(redactLogText(message), redactError(error)),
  };
}
