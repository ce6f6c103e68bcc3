/** The console's version, as in package.json (shown by /health and /api/info). */
export const CONSOLE_VERSION = '0.1.0';
