/// <reference types="vitest/config" />
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * `vite build` is the production page (Cognito's hosted UI only); `--mode stack` is the local
 * stack's page, which also has the local sign-in. `LOCAL_SIGN_IN` is a compile-time constant, so a
 * production build does not contain the local sign-in at all.
 */
export default defineConfig(({ mode }) => ({
  root: here,
  base: '/',
  plugins: [react()],
  // the typed client generated from docs/openapi.json (the workspace's tsconfig path)
  resolve: { alias: { '@housef3/api-client': resolve(here, '../../libs/api-client/src/index.ts') } },
  define: { LOCAL_SIGN_IN: JSON.stringify(mode === 'stack' || mode === 'test') },
  build: {
    outDir: resolve(here, '../../dist/apps', mode === 'stack' ? 'web-stack' : 'web'),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    // the gateway (npm start) answers the API
    proxy: Object.fromEntries(['/export', '/import', '/auth', '/health'].map((p) => [p, 'http://127.0.0.1:3000'])),
  },
  test: {
    environment: 'jsdom',
    // one worker thread: the jsdom start is the slow part, and the machine is shared
    pool: 'threads',
    maxWorkers: 1,
    globals: true,
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: [resolve(here, 'src/test-setup.ts')],
  },
}));
