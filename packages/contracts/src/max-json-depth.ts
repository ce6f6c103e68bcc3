/**
 * How deeply a request body may nest arrays and objects (`inferred`: the wiki sets no limit).
 * The deepest documented body (a campaign's settings, a bulk upload's leads) nests 3 levels; 64
 * leaves every honest body far inside it while keeping a body's parse, validation, error echo and
 * journal copy well away from the stack's limit. A deeper body answers 400 `VALIDATION_FAILED`
 * (field `body`); `/vicidial/*` answers it in its own shape.
 */
export const MAX_JSON_DEPTH = 64;
