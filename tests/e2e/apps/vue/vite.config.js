import vue from '@vitejs/plugin-vue';
import { appConfig } from '../vite.base.js';

export default appConfig(import.meta.url, {
  // Tell Vue's template compiler that <plan-widget> is a custom element, not a Vue component.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'plan-widget' } } })],
});
