import type { ErrorCode, FieldError } from '@omnikit/contracts';

/**
 * The engine's one error type: a stable code from the contracts' closed list, a detail saying
 * what failed and why, and field errors when the input is to blame. `http/error-table.ts` alone
 * turns it into a status and a body.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** Seconds to wait, for RATE_LIMITED. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'DomainError';
  }

  static notFound(field: string, what: string, id: number | string): DomainError {
    return new DomainError('NOT_FOUND', `${what} ${id} does not exist in this system`, [
      { field, message: `${what} ${id} does not exist` },
    ]);
  }

  static invalidState(detail: string): DomainError {
    return new DomainError('INVALID_STATE', detail);
  }

  static validation(field: string, message: string): DomainError {
    return new DomainError('VALIDATION_FAILED', `${field} ${message}`, [{ field, message }]);
  }
}
