import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  base: './',
  plugins: [
    vue({
      // <price-ticker> is a custom element, not a Vue component: Vue passes bindings to it as
      // properties (when it has them) and listens to its events.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'price-ticker' } },
    }),
  ],
});
