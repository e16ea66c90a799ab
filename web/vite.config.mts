import { defineConfig } from 'vite';

// The dashboard is served by the API process at `/` (src/http/dashboard-routes.ts), so it is
// built with absolute asset paths into web/dist; JSX compiles to Preact (see tsconfig.json).
export default defineConfig({
  base: '/',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inlined data: URLs, so the page's Content-Security-Policy can stay at 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
