import path from 'node:path';
import { defineConfig } from 'vite';

/** The offline GraphiQL explorer, served by the API at /explorer/ from explorer/dist. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/explorer/',
  build: {
    outDir: path.join(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      // framer-motion's "use client" directives mean nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  logLevel: 'warn',
});
