// Bundles one app file (BUNDLE_ENTRY) as a user's production build would: minified, everything
// it imports inside.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const entry = process.env.BUNDLE_ENTRY ?? 'format-only.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: 'out',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    lib: { entry, formats: ['es'], fileName: () => entry },
    // Vite keeps whitespace in ES library builds; a user's app build would not.
    rolldownOptions: { output: { minify: true } },
  },
});
