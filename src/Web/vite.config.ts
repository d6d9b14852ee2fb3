/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

const backend = 'http://127.0.0.1:8080';

// Vite 8 transforms TS/TSX with Oxc (the `esbuild` option is deprecated there);
// the automatic JSX runtime means no React plugin is needed.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    // The Host's build copies dist/ next to its binary as wwwroot/.
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend },
      '/health': { target: backend },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
