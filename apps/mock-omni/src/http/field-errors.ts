import type { FieldError } from '@omnikit/contracts';
import type { z } from 'zod';

/**
 * zod issues → the `errors[]` of a 400: each with the dotted path of the offending field
 * (`phone_numbers.0.phone_number`) and what is wrong with it. `prefix` names the part of the
 * request (nothing for the body and path, whose fields are named alone).
 */
export function fieldErrors(error: z.ZodError, root = 'body'): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ field: joinPath([...issue.path, key], root), message: 'is not a known field' });
      continue;
    }
    out.push({ field: joinPath(issue.path, root), message: describe(issue) });
  }
  return out;
}

function joinPath(path: readonly PropertyKey[], root: string): string {
  return path.length === 0 ? root : path.map(String).join('.');
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  return issue.message;
}
