// `npm start`: the demo page (demo/index.html) on http://localhost:5173 (next free port if
// taken). Runs offline: msw's worker (public/mockServiceWorker.js, served as publicDir)
// answers the price requests from a simulated market.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: demoRoot,
  publicDir: '../public',
  server: {
    host: 'localhost',
    port: 5173,
    strictPort: false,
    // The demo imports the element from ../src.
    fs: { allow: [repoRoot] },
  },
  preview: { host: 'localhost', port: 4173 },
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    // main.ts uses top-level await (start msw, then load the element).
    target: 'es2022',
  },
});
