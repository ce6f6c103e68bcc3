import { type ConsoleErrorCode, consoleError } from '../../shared/console-errors.js';

/**
 * A failed console call, in words a person understands. `message` comes from the backend's error body
 * (it already maps Omni's codes to sentences); when the backend could not be reached or answered
 * something that is not the console's error body, the browser writes its own sentence.
 */
export class ConsoleApiError extends Error {
  override readonly name = 'ConsoleApiError';
  constructor(
    readonly code: ConsoleErrorCode | 'NETWORK',
    message: string,
    readonly status: number,
    readonly omniCode?: string,
    readonly field?: string,
  ) {
    super(message);
  }

  /** Builds the error from a non-2xx answer. */
  static async fromResponse(response: Response): Promise<ConsoleApiError> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const parsed = consoleError.safeParse(body);
    if (parsed.success) {
      const { code, message, omniCode, field } = parsed.data.error;
      return new ConsoleApiError(code, message, response.status, omniCode, field);
    }
    const words =
      response.status >= 500
        ? 'The console’s server had a problem. Please try again in a moment.'
        : `The console’s server refused the request (HTTP ${response.status}).`;
    return new ConsoleApiError(response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', words, response.status);
  }

  static network(cause: unknown): ConsoleApiError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new ConsoleApiError(
      'NETWORK',
      `The console’s server cannot be reached. Check your connection and try again. (${detail})`,
      0,
    );
  }
}

/** The sentence to show for any thrown value. */
export function errorText(error: unknown): string {
  if (error instanceof ConsoleApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
