/**
 * The answers of the `/vicidial/*` lead archive service (A.7, response catalogue page
 * 2362507280). The service keeps VICIdial's own shape, `{ message, http_code }` with the HTTP
 * status equal to `http_code`, and TForge's messages verbatim — `atleast` included.
 *
 * @module
 */

import { z } from 'zod';
import { jsonValue } from './common.js';
import { source } from './source.js';

/** The documented messages, verbatim. */
export const VICIDIAL_MESSAGES = {
  processed: 'lead_ids batch was successfully processed',
  unauthorized: 'unable to validate api user',
  officeHours: 'api cannot be executed during office hours time condition',
  insertLeadsNotBoolean: 'insert_leads must be a boolean value',
  updateLeadsNotBoolean: 'update_leads must be a boolean value',
  deleteLeadsNotBoolean: 'delete_leads must be a boolean value',
  notIntegers: 'lead_ids must only contain integer values',
  noIds: 'lead_ids must contain atleast 1 value',
  tooManyIds: 'lead_ids cannot exceed 500 values',
  duplicateIds: 'lead_ids cannot contain duplicate values',
} as const;

/**
 * The 400 messages in the order of A.7's table: when a body breaks several rules, the first one
 * here is answered (the flags, then the ids).
 */
export const VICIDIAL_INVALID_MESSAGES = [
  VICIDIAL_MESSAGES.insertLeadsNotBoolean,
  VICIDIAL_MESSAGES.updateLeadsNotBoolean,
  VICIDIAL_MESSAGES.deleteLeadsNotBoolean,
  VICIDIAL_MESSAGES.notIntegers,
  VICIDIAL_MESSAGES.noIds,
  VICIDIAL_MESSAGES.tooManyIds,
  VICIDIAL_MESSAGES.duplicateIds,
] as const;
export type VicidialInvalidMessage = (typeof VICIDIAL_INVALID_MESSAGES)[number];

/**
 * The message of a 404 for a path the service does not have. A.7 says such a path answers 404
 * in this shape but gives no text: this one is inferred.
 */
export const VICIDIAL_NOT_FOUND_MESSAGE = 'api endpoint not found';

/** 400: which rule the body broke (the first in A.7's order) and the values that broke it. */
export const vicidialValidationErrorBody = z
  .object({
    message: z.enum(VICIDIAL_INVALID_MESSAGES),
    lead_errors: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'How many values `lead_ids` echoes: 0 for a flag, for no ids and for more than 500.' }),
    lead_ids: z.array(jsonValue).meta({
      description:
        'The offending values as sent: the non-integers, or the duplicated ids (each once: inferred). Empty for no ids and for more than 500, and (inferred) for a flag.',
    }),
    http_code: z.literal(400),
  })
  .meta({ id: 'VicidialValidationErrorBody', ...source('documented', '2362507280') });

/** 401: the system key is missing, malformed or unknown. */
export const vicidialUnauthorizedBody = z
  .object({ message: z.literal(VICIDIAL_MESSAGES.unauthorized), http_code: z.literal(401) })
  .meta({ id: 'VicidialUnauthorizedBody', ...source('documented', '2362507280') });

/** 403: archiving inside office hours. */
export const vicidialOfficeHoursBody = z
  .object({ message: z.literal(VICIDIAL_MESSAGES.officeHours), http_code: z.literal(403) })
  .meta({ id: 'VicidialOfficeHoursBody', ...source('documented', '2362507280') });

/** 404: a path under `/vicidial/` the service does not have (the message is inferred). */
export const vicidialNotFoundBody = z
  .object({
    message: z
      .literal(VICIDIAL_NOT_FOUND_MESSAGE)
      .meta({ description: 'Inferred: A.7 gives the shape of this 404, not its text.' }),
    http_code: z.literal(404),
  })
  .meta({ id: 'VicidialNotFoundBody', ...source('inferred') });

/**
 * Any other failure the wiki does not catalogue (a body too large, a rate limit, a server
 * error): the same shape, the message inferred.
 */
export const vicidialErrorBody = z
  .object({
    message: z.string().meta({ description: 'Inferred: the wiki catalogues no message for this status.' }),
    http_code: z.number().int().min(400).max(599),
  })
  .meta({ id: 'VicidialErrorBody', ...source('inferred') });

/** The documented error bodies by status; other statuses answer `vicidialErrorBody`. */
export const VICIDIAL_ERROR_BODIES = {
  400: vicidialValidationErrorBody,
  401: vicidialUnauthorizedBody,
  403: vicidialOfficeHoursBody,
} as const;
