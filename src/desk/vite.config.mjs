// The desk's build: two pages (the desk and the embeddable panel) into dist/desk, which the
// API serves. Preact's JSX; no source maps or inline scripts (the pages' CSP forbids them).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('../../dist/desk'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: { input: { index: here('index.html'), embed: here('embed.html') } },
  },
});
