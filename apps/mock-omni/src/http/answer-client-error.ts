/**
 * The answer to a request node's HTTP parser refused (the server's `clientError`).
 *
 * No route ever sees such a request — bad bytes in a header, headers or a URL over node's 16 KiB limit, a malformed
 * request line — so node would answer it on its own, with an empty body. Here it gets the error body of every other
 * refusal (B.2): 400 `VALIDATION_FAILED` naming the part at fault, or 413 `PAYLOAD_TOO_LARGE` for chunk extensions
 * over node's limit. Headers or a URL too long answer 400 too, not 431 or 414: the closed list of B.2 has no code for
 * those statuses, and the servers Omni is likely to run behind (IIS's HTTP.sys, nginx) answer an oversized header with
 * 400. The connection is then closed: the parser cannot find where the next request would start.
 *
 * A request to the archive service (`/vicidial/*`, A.7) gets that service's shape instead (B.2: it keeps its own): its
 * 400 body (no rule was read, so the first rule is the one broken, as for a body that is not JSON), or, for a URL,
 * headers or chunk extensions too large, 414, 431 or 413 with `{ message, http_code }`, the shape of the statuses its
 * catalogue leaves out (inferred). The path is read from the request line at the start of the packet node was parsing.
 *
 * @module
 */

import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode, FieldError } from '@omnikit/contracts';
import { errorAnswer } from './error-table.js';
import { isVicidialPath, vicidialErrorBody } from './vicidial-answers.js';

interface ParserError extends Error {
  code?: string;
  rawPacket?: unknown;
}

/** Writes the answer to `socket` (or drops the connection when no answer can be written). */
export function answerClientError(error: ParserError, socket: Duplex): void {
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    // Not a malformed request: the client sent too slowly. Node's own answer, which has no code in B.2.
    socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    return;
  }
  const packet = packetText(error.rawPacket);
  const verdict = describe(error, packet);
  const { code, field, message, detail } = verdict;
  const path = /^[A-Z]+ ([^ ?]+)/.exec(packet)?.[1];
  let answer: { status: number; body: unknown };
  if (path !== undefined && isVicidialPath(path)) {
    const status = code === 'PAYLOAD_TOO_LARGE' ? 413 : verdict.oversized ? (field === 'url' ? 414 : 431) : 400;
    answer = { status, body: vicidialErrorBody({ status, detail }) };
  } else {
    answer = errorAnswer({ code, detail, errors: [{ field, message } satisfies FieldError] });
  }
  const body = JSON.stringify(answer.body);
  socket.end(
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Bad Request'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

interface Verdict {
  code: ErrorCode;
  field: string;
  /** Reads after the field's name, as in every other `errors[]` entry. */
  message: string;
  detail: string;
  /** The URL or the headers passed node's limit (an HTTP 414 or 431 where the shape has those statuses). */
  oversized?: boolean;
}

/** The bytes node was parsing when it gave up, as Latin-1 text (empty when it kept none). */
function packetText(raw: unknown): string {
  return raw instanceof Uint8Array ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1') : '';
}

const invalid = (field: string, message: string, detail: string): Verdict => ({
  code: 'VALIDATION_FAILED',
  field,
  message,
  detail,
});

function describe(error: ParserError, packet: string): Verdict {
  const why = error.message.replace(/^Parse Error: /, '');
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW': {
      // Node does not say which overflowed. The URL, when the packet holds no end of the request line, or a request
      // line that takes more than half of the limit (the headers of any client are far from the other half).
      const lineEnd = packet.indexOf('\r\n');
      const url = packet !== '' && (lineEnd < 0 || (/^[A-Z]+ /.test(packet) && lineEnd > maxHeaderSize / 2));
      const verdict = url
        ? invalid('url', 'is too long', 'the URL is too long: the request line and headers take at most 16 KiB')
        : invalid(
            'headers',
            'are too large',
            'the headers are too large: the request line and headers take at most 16 KiB',
          );
      return { ...verdict, oversized: true };
    }
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        code: 'PAYLOAD_TOO_LARGE',
        field: 'body',
        message: 'has chunk extensions that are too large',
        detail: `the chunk extensions are too large (${why})`,
      };
    case 'HPE_INVALID_METHOD':
      return invalid('method', `is not valid (${why})`, `the request line is not HTTP/1.1: ${why}`);
    case 'HPE_INVALID_URL':
      return invalid('url', `is malformed (${why})`, `the URL is malformed: ${why}`);
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_TRANSFER_ENCODING':
      return invalid('headers', `contain a malformed header (${why})`, `a header is malformed: ${why}`);
    case 'HPE_INVALID_CHUNK_SIZE':
      return invalid('body', `is malformed chunked data (${why})`, `the chunked body is malformed: ${why}`);
    default:
      return invalid(
        'request',
        `is not valid HTTP/1.1 (${why})`,
        `the request is not valid HTTP/1.1: ${why}${error.code ? ` (${error.code})` : ''}`,
      );
  }
}
