/**
 * The browser app: sources in src/web, built to dist/web (the backend serves that folder).
 * Workspace packages resolve to their TypeScript source through the `@omnikit/source` condition,
 * as everywhere else in the repo, so the app never needs the packages' dist/ builds.
 * In development (`vite` in this folder) `/api` goes to the console backend: CONSOLE_BACKEND_URL,
 * default http://127.0.0.1:4020 (the backend's default port).
 *
 * @module
 */

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  resolve: { conditions: ['@omnikit/source', 'browser', 'module', 'import', 'default'] },
  // One bundle (~215 kB gzipped: React, Mantine, zod, sip.js) suits an app agents keep open all day.
  build: { outDir, emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': { target: process.env.CONSOLE_BACKEND_URL ?? 'http://127.0.0.1:4020', changeOrigin: false },
    },
  },
});
