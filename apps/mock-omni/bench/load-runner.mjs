/**
 * Runs one autocannon load in its own process (the bench's "second process") and prints the result as one JSON line:
 * requests per second, latency percentiles, errors and non-2xx answers.
 *
 * @module
 */

import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2]);
const result = await autocannon({
  url: opts.url,
  method: opts.method,
  headers: opts.headers,
  body: opts.body,
  connections: opts.connections,
  duration: opts.duration,
  // A fixed number of requests instead of a duration, when given (a warm-up of the same size on every server).
  ...(opts.amount ? { amount: opts.amount } : {}),
  pipelining: 1,
});
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  })}\n`,
);
