import { defineConfig } from 'vite';

// Relative asset URLs, so the built folder works from any path (or straight from disk).
export default defineConfig({
  base: './',
});
