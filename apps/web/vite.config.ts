/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * `vite build` is the production page (Cognito's hosted UI only); `--mode local` is the local
 * stack's page, which also has the local sign-in. `LOCAL_SIGN_IN` is a compile-time constant, so a
 * production build does not contain the local sign-in at all.
 */
export default defineConfig(({ mode }) => ({
  root: __dirname,
  base: '/',
  plugins: [react()],
  define: { LOCAL_SIGN_IN: JSON.stringify(mode === 'local' || mode === 'test') },
  build: {
    outDir: resolve(__dirname, '../../dist/apps', mode === 'local' ? 'web-local' : 'web'),
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
    globals: true,
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: [resolve(__dirname, 'src/test-setup.ts')],
  },
}));
