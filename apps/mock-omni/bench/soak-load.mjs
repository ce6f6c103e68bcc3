/**
 * The soak bench's load generator, in a process of its own (like load-runner.mjs): autocannon driving a sequence of
 * requests on every connection for `seconds`, and every `windowMs` one JSON line of the window just ended — answers,
 * their latency (p50/p99/max, ms), non-2xx and errors — then a last line `{"done":true,...}` with the run's totals.
 *
 * @module
 */

import autocannon from 'autocannon';

const opts = JSON.parse(process.argv[2]);

let times = [];
let non2xx = 0;
let errors = 0;
let totals = { answers: 0, non2xx: 0, errors: 0 };

const pct = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

const flush = () => {
  const sorted = Float64Array.from(times).sort();
  const line = {
    answers: sorted.length,
    p50: Math.round(pct(sorted, 50) * 10) / 10,
    p99: Math.round(pct(sorted, 99) * 10) / 10,
    max: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
    non2xx,
    errors,
  };
  totals = { answers: totals.answers + sorted.length, non2xx: totals.non2xx + non2xx, errors: totals.errors + errors };
  times = [];
  non2xx = 0;
  errors = 0;
  process.stdout.write(`${JSON.stringify(line)}\n`);
};

const instance = autocannon({
  url: opts.url,
  requests: opts.requests,
  connections: opts.connections,
  duration: opts.seconds,
  pipelining: 1,
});
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  times.push(responseTime);
  if (statusCode < 200 || statusCode > 299) non2xx++;
});
instance.on('reqError', () => {
  errors++;
});
const timer = setInterval(flush, opts.windowMs);
instance.on('done', () => {
  clearInterval(timer);
  // The tail shorter than a window is counted in the totals, not printed as a window.
  totals = { answers: totals.answers + times.length, non2xx: totals.non2xx + non2xx, errors: totals.errors + errors };
  process.stdout.write(`${JSON.stringify({ done: true, ...totals })}\n`);
});
// The bench stops this process with SIGTERM when it is interrupted: stop the connections first.
process.on('SIGTERM', () => {
  instance.stop();
  process.exit(0);
});
