import { defineConfig } from 'vite';

// No React plugin needed for a build: Vite's own transform compiles TSX with the automatic
// JSX runtime (`jsx: "react-jsx"` in tsconfig.json). @vitejs/plugin-react adds Fast Refresh.
export default defineConfig({
  base: './',
});
