// `npm start`: the demo page (demo/index.html) on http://localhost:5173 (next free port if
// taken). Runs offline: msw's worker (public/mockServiceWorker.js, served as publicDir)
// answers the price requests from a simulated market.
// `npm run build:demo`: the same page as a static site in dist-demo/, with relative URLs
// so that it works from any folder of any static host.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: demoRoot,
  publicDir: '../public',
  // Relative asset URLs: the built site may be served from a subfolder.
  base: './',
  server: {
    host: 'localhost',
    port: 5173,
    strictPort: false,
    // The demo imports the element from ../src.
    fs: { allow: [repoRoot] },
  },
  preview: { host: 'localhost', port: 4173 },
  build: {
    // Outside dist/, which is what the npm package ships.
    outDir: '../dist-demo',
    emptyOutDir: true,
    // main.ts uses top-level await (start msw, then load the element).
    target: 'es2022',
  },
});
